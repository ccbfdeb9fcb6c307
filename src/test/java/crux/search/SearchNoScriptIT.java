package crux.search;

import org.junit.jupiter.api.BeforeAll;

/** {@link SearchJourney} with JavaScript off. */
class SearchNoScriptIT extends SearchJourney {

    @BeforeAll
    static void startUnscripted() {
        start(false);
    }
}
