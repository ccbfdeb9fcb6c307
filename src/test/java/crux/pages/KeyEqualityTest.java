package crux.pages;

import crux.article.Item;
import crux.article.ItemKind;
import crux.article.ItemStatus;
import crux.article.Standing;
import crux.core.Stance;
import crux.core.Tally;
import crux.testing.RecordEquality;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The keys the article page's kept renderings are found by, and the values in them, write equality out by hand: every
 * component must count, or a member would be shown another state's rendering (another stance, tally or item).
 */
class KeyEqualityTest {

    static final Item ITEM = new Item(9L, 2L, 3, ItemKind.CLAIM, "It holds", "Balaji Srinivasan", "holds", 12, null,
            LocalDate.of(2027, 1, 1), null, null, ItemStatus.values()[0], false, null, false, null, 0);

    @SuppressWarnings("unchecked")
    static Class<? extends Record> key(String name) throws ClassNotFoundException {
        return (Class<? extends Record>) Class.forName("crux.pages.ArticleHandlers$" + name);
    }

    @Test
    void standing() {
        RecordEquality.assertEveryComponentCountsNeverNull(Standing.class, 9L, new Tally(3, 2, 1), 61.5, 4);
    }

    @Test
    void theArticlePagesKeys() throws Exception {
        RecordEquality.assertEveryComponentCountsNeverNull(key("BodyKey"), ITEM, Stance.AGREE, true, 2);
        RecordEquality.assertEveryComponentCountsNeverNull(key("StandingKey"),
                new Standing(9L, new Tally(3, 2, 1), 61.5, 4), true, false);
    }
}
