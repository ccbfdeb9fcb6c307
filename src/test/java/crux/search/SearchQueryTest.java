package crux.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQueryTest {

    @Test
    void wordsPhrasesAndExclusions() {
        SearchQuery q = SearchQuery.parse("Velvet \"thunder ROLLS\" -curtains -\"old news\"");
        assertThat(q.clauses()).containsExactly(List.of("velvet"), List.of("thunder", "rolls"));
        assertThat(q.excluded()).containsExactly(List.of("curtains"), List.of("old", "news"));
        assertThat(q.websearch()).isEqualTo("\"velvet\" \"thunder rolls\" -\"curtains\" -\"old news\"");
        assertThat(q.markedWords()).containsExactly("velvet", "thunder", "rolls");
    }

    @Test
    void punctuationOnlySeparatesWordsSoNothingActsAsAnOperator() {
        SearchQuery q = SearchQuery.parse("a & b | !c <-> d:* alice_99 'x' OR");
        assertThat(q.clauses()).containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d"),
                List.of("alice", "99"), List.of("x"), List.of("or"));
        assertThat(q.websearch()).doesNotContain("&", "|", "!", "<", ":", "*", "'").contains("\"or\"");
    }

    @Test
    void aLoneMinusAndAnUnterminatedQuoteAreHarmless() {
        assertThat(SearchQuery.parse("- word -").clauses()).containsExactly(List.of("word"));
        assertThat(SearchQuery.parse("\"open ended").clauses()).containsExactly(List.of("open", "ended"));
        assertThat(SearchQuery.parse("-\"open ended").excluded()).containsExactly(List.of("open", "ended"));
        assertThat(SearchQuery.parse("\"\"\" \"").empty()).isTrue();
    }

    @Test
    void onlyExclusionsOrNoWordsFindNothing() {
        assertThat(SearchQuery.parse("-velvet").empty()).isTrue();
        assertThat(SearchQuery.parse("<>!?").empty()).isTrue();
        assertThat(SearchQuery.parse("velvet").empty()).isFalse();
    }

    @Test
    void clausesAndWordLengthAreBounded() {
        assertThat(SearchQuery.parse("w ".repeat(50)).clauses()).hasSize(SearchQuery.MAX_CLAUSES);
        assertThat(SearchQuery.parse("a".repeat(SearchQuery.MAX_WORD + 1) + " b").clauses()).containsExactly(List.of("b"));
        assertThat(SearchQuery.parse("a".repeat(SearchQuery.MAX_WORD)).clauses()).hasSize(1);
    }

    @Test
    void lettersOfEveryScriptAreWords() {
        assertThat(SearchQuery.parse("İstanbul 日本語 שלום").clauses()).hasSize(3);
    }
}
