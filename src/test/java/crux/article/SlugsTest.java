package crux.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void theFirstArticlesSlugIsTheOneItsMigrationWrites() {
        assertThat(Slugs.slug("Is China About To Disrupt U.S. Tech? Insights from Balaji Srinivasan"))
                .isEqualTo("is-china-about-to-disrupt-us-tech-insights-from-balaji-srinivasan");
    }

    @Test
    void lettersLoseTheirAccentsAndCompatibilityFormsTheirStyle() {
        assertThat(Slugs.slug("Café Déjà Vu à São Paulo")).isEqualTo("cafe-deja-vu-a-sao-paulo");
        assertThat(Slugs.slug("ﬁnance ① Ｆｕｌｌ")).isEqualTo("finance-1-full");
        assertThat(Slugs.slug("Straße, Ærø, Łódź, Œuvre, Øre, Đà, Ðe, Þing, Kırk")).isEqualTo(
                "strasse-aero-lodz-oeuvre-ore-da-de-thing-kirk");
    }

    @Test
    void apostrophesAndDotsInsideAWordJoinIt() {
        assertThat(Slugs.slug("China's")).isEqualTo("chinas");
        assertThat(Slugs.slug("China’s and it\u02BCs")).isEqualTo("chinas-and-its");
        assertThat(Slugs.slug("U.S. and e.g. 3.5")).isEqualTo("us-and-eg-35");
        // at a word's edge they separate, as any other punctuation does
        assertThat(Slugs.slug("rock 'n' roll")).isEqualTo("rock-n-roll");
        assertThat(Slugs.slug("the end. .net 'quoted'")).isEqualTo("the-end-net-quoted");
        assertThat(Slugs.slug("a.-b")).isEqualTo("a-b");
    }

    @Test
    void everythingElseBetweenWordsIsOneHyphenAndNoneAtTheEnds() {
        assertThat(Slugs.slug("  Hello,   World!! ")).isEqualTo("hello-world");
        assertThat(Slugs.slug("--a--b--")).isEqualTo("a-b");
        assertThat(Slugs.slug("AI: 2025/26 & beyond — a_b")).isEqualTo("ai-2025-26-beyond-a-b");
        assertThat(Slugs.slug("x")).isEqualTo("x");
    }

    @Test
    void aLongTitleIsCutAtAHyphenWithinEightyCharacters() {
        String word = "abcdefghi"; // nine letters: with its hyphen, ten
        String nineWords = (word + " ").repeat(9);
        assertThat(Slugs.slug(nineWords)).isEqualTo((word + "-").repeat(7) + word).hasSize(79);
        // exactly eighty characters stay whole, however they are made
        String eighty = "a".repeat(70) + " " + "b".repeat(9);
        assertThat(Slugs.slug(eighty)).isEqualTo("a".repeat(70) + "-" + "b".repeat(9)).hasSize(80);
        // a hyphen right after the eightieth character keeps all eighty
        assertThat(Slugs.slug("a".repeat(80) + " b")).isEqualTo("a".repeat(80));
        // one word longer than eighty characters is cut inside it
        assertThat(Slugs.slug("a".repeat(81))).isEqualTo("a".repeat(80));
        assertThat(Slugs.slug("a".repeat(90) + " b")).isEqualTo("a".repeat(80));
    }

    @Test
    void aTitleWithNoLatinLetterOrDigitIsArticle() {
        assertThat(Slugs.slug("")).isEqualTo("article");
        assertThat(Slugs.slug(null)).isEqualTo("article");
        assertThat(Slugs.slug("¿¡ — !?")).isEqualTo("article");
        assertThat(Slugs.slug("中国会颠覆美国科技吗")).isEqualTo("article");
        assertThat(Slugs.slug("中国 AI")).isEqualTo("ai");
    }

    @Test
    void aTakenSlugGetsTheFirstFreeNumberFromTwo() {
        assertThat(Slugs.unique("a", Set.of()::contains)).isEqualTo("a");
        assertThat(Slugs.unique("a", Set.of("a")::contains)).isEqualTo("a-2");
        assertThat(Slugs.unique("a", Set.of("a", "a-2", "a-4")::contains)).isEqualTo("a-3");
        assertThat(Slugs.unique("a", Set.of("a-2")::contains)).isEqualTo("a");
    }

    @Test
    void aPredicateThatIsNeverFreeFailsInsteadOfLooping() {
        assertThat(Slugs.unique("a", s -> !s.equals("a-" + Slugs.MAX_SUFFIX))).isEqualTo("a-10000");
        assertThatThrownBy(() -> Slugs.unique("a", s -> true)).isInstanceOf(IllegalStateException.class)
                .hasMessage("No free slug for a up to -10000");
    }
}
