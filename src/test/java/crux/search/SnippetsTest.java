package crux.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SnippetsTest {

    private static final Predicate<String> VELVET = Words.Matcher.of(SearchQuery.parse("velvet studies"))::english;

    private static String render(List<Snippets.Run> runs) {
        StringBuilder sb = new StringBuilder();
        runs.forEach(r -> sb.append(r.marked() ? "[" + r.text() + "]" : r.text()));
        return sb.toString();
    }

    @Test
    void matchedWordsAreMarkedByStemAndTheRestIsKeptAsText() {
        assertThat(render(Snippets.whole("Velvet curtains; he studied <b>velvets</b>.", VELVET)))
                .isEqualTo("[Velvet] curtains; he [studied] <b>[velvets]</b>.");
    }

    @Test
    void aLongTextIsCutAroundTheFirstMatchWithEllipses() {
        String text = "lorem ipsum ".repeat(40) + "then velvet appears " + "dolor sit ".repeat(40);
        String snippet = render(Snippets.excerpt(text, VELVET));
        assertThat(snippet).startsWith("…").endsWith("…").contains("then [velvet] appears");
        assertThat(snippet.length()).isLessThanOrEqualTo(Snippets.LENGTH + 4);
        assertThat(snippet.indexOf("[velvet]")).isBetween(1, Snippets.LEAD + 12);
    }

    @Test
    void aShortTextIsWholeAndATextWithoutAMatchShowsItsBeginning() {
        assertThat(render(Snippets.excerpt("Short velvet.", VELVET))).isEqualTo("Short [velvet].");
        String text = "nothing here ".repeat(40);
        assertThat(render(Snippets.excerpt(text, VELVET))).startsWith("nothing here").endsWith("…");
    }

    @Test
    void controlAndBidiCharactersAreDroppedAndWhiteSpaceFolded() {
        assertThat(render(Snippets.whole("a\u202Eb\u0007c\n\n\td \u2066velvet\u2069", VELVET))).isEqualTo("abc d [velvet]");
    }

    @Test
    void namesMatchAsTyped() {
        Words.Matcher m = Words.Matcher.of(SearchQuery.parse("Alice"));
        assertThat(render(Snippets.whole("alice_99", m::name))).isEqualTo("[alice]_99");
        assertThat(m.english("alices")).isTrue();
        assertThat(m.name("alices")).isFalse();
    }
}
