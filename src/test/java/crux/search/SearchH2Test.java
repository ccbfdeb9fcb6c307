package crux.search;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.PostTokens;
import crux.testing.TestClient;
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

    /**
     * Counts are not searched: a stance, a vote and a reply keep the item's and the argument's change numbers, so the
     * index has nothing to redo and a kept search stays kept. The reply itself is new, and found.
     */
    @Test
    void stancesVotesAndRepliesLeaveWhatTheyCountAsIndexed() {
        LuceneSearch engine = (LuceneSearch) app.app().search();
        TestClient fan = app.member("platypusfan");
        long argument = argue(author, claim, "A platypus lays eggs.");
        assertThat(found(visitor, "platypus")).containsExactly(comment(argument));
        Long itemSeq = dsl().select(ITEM.SEARCH_SEQ).from(ITEM).where(ITEM.ID.eq(claim)).fetchOne().value1();
        Long argumentSeq = argumentSeq(argument);
        long ranked = engine.rankings();

        assertThat(fan.submit("/items/" + claim, "/items/" + claim + "/stance", form("stance", "agree")).status())
                .isEqualTo(303);
        assertThat(fan.submit("/items/" + claim, "/comments/" + argument + "/vote", form("vote", "up")).status())
                .isBetween(200, 399);
        assertThat(found(visitor, "platypus")).containsExactly(comment(argument));
        assertThat(engine.rankings()).as("the kept search still answers").isEqualTo(ranked);

        assertThat(fan.submit("/items/" + claim, "/comments/" + argument + "/replies",
                form("body", "An echidna lays eggs too.", "token", PostTokens.next())).status()).isBetween(200, 399);
        assertThat(dsl().select(COMMENT.UPS, COMMENT.REPLY_COUNT).from(COMMENT).where(COMMENT.ID.eq(argument))
                .fetchOne().intoList()).as("counted").containsExactly(1, 1);
        assertThat(dsl().select(ITEM.SEARCH_SEQ).from(ITEM).where(ITEM.ID.eq(claim)).fetchOne().value1())
                .isEqualTo(itemSeq);
        assertThat(argumentSeq(argument)).isEqualTo(argumentSeq);
        assertThat(found(visitor, "echidna")).as("the reply is found").hasSize(1);
    }

    private static Long argumentSeq(long id) {
        return dsl().select(COMMENT.SEARCH_SEQ).from(COMMENT).where(COMMENT.ID.eq(id)).fetchOne().value1();
    }
}
