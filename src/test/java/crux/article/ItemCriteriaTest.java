package crux.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The criteria line of a prediction page reads as one sentence, whichever way the criteria were written. */
class ItemCriteriaTest {

    private static Item prediction(String criteria) {
        return new Item(1, 1, 1, ItemKind.PREDICTION, "A statement", "The author", "quote", 0, criteria,
                LocalDate.of(2030, 1, 1), null, null, ItemStatus.OPEN, false, null, false, null, 0);
    }

    @Test
    void criteriaWrittenAsASentenceAreShownAsWritten() {
        assertThat(prediction("Resolves YES if, by 2030, it rains. Resolves NO otherwise.").criteriaSentence())
                .isEqualTo("Resolves YES if, by 2030, it rains. Resolves NO otherwise.");
        assertThat(prediction("  resolves yes when it rains ").criteriaSentence()).isEqualTo("resolves yes when it rains");
    }

    @Test
    void aBareConditionGetsTheWordsTheFormAskedItAfter() {
        assertThat(prediction("it rains by 2030").criteriaSentence()).isEqualTo("Resolves YES if it rains by 2030");
        assertThat(prediction(null).criteriaSentence()).isNull();
    }
}
