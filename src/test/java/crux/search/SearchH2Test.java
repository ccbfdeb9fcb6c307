package crux.search;

import org.junit.jupiter.api.BeforeAll;

/** {@link SearchContract} on the embedded database: the Lucene engine. */
class SearchH2Test extends SearchContract {

    @BeforeAll
    static void startH2() {
        start("h2");
    }
}
