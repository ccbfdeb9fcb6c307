package crux.article;

import crux.testing.RecordEquality;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * An item is part of the keys an article page's kept renderings are found by, and its equality is written out by
 * hand: every component must count, or an edited, retired or resolved item would be shown as it was.
 */
class ItemEqualityTest {

    @Test
    void everyComponentCountsInEqualityAndHash() {
        RecordEquality.assertEveryComponentCounts(Item.class, 9L, 2L, 3, ItemKind.PREDICTION, "It will rain",
                "Balaji Srinivasan", "rain", 120, "Resolves YES if it rains", LocalDate.of(2027, 1, 1), 70, "expects",
                ItemStatus.values()[0], false, "why", false, 5L, 2);
    }
}
