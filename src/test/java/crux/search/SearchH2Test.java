package crux.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link SearchContract} on the embedded database: the Lucene engine. */
class SearchH2Test extends SearchContract {

    @BeforeAll
    static void startH2() {
        start("h2");
    }

    /** A popular search is ranked once per version of the index, and a write makes the next one rank again. */
    @Test
    void aRepeatedSearchIsRankedOncePerChangeOfTheIndex() {
        LuceneSearch engine = (LuceneSearch) app.app().search();
        long first = argue(author, claim, "A wombat digs a burrow.");
        assertThat(found(visitor, "wombat")).containsExactly(comment(first));
        long ranked = engine.rankings();
        assertThat(found(visitor, "wombat")).containsExactly(comment(first));
        assertThat(found(author, "wombat")).as("signed in alike").containsExactly(comment(first));
        assertThat(engine.rankings()).as("answered from the kept ranking").isEqualTo(ranked);
        assertThat(found(visitor, "wombat", "kind", "arguments")).containsExactly(comment(first));
        assertThat(engine.rankings()).as("another search is ranked").isEqualTo(ranked + 1);

        long second = argue(author, claim, "Another wombat sleeps all day.");
        assertThat(found(visitor, "wombat")).containsExactlyInAnyOrder(comment(first), comment(second));
        assertThat(engine.rankings()).as("the index changed").isEqualTo(ranked + 2);
    }
}
