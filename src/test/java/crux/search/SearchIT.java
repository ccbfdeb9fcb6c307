package crux.search;

import org.junit.jupiter.api.BeforeAll;

/** {@link SearchJourney} with JavaScript on. */
class SearchIT extends SearchJourney {

    @BeforeAll
    static void startScripted() {
        start(true);
    }
}
