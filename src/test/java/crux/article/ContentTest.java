package crux.article;

import static org.assertj.core.api.Assertions.assertThat;

import crux.db.Database;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestDatabases;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped content, on a freshly migrated database of each kind: anchored, complete, consistent. */
class ContentTest {

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    private static <T> T withDatabase(String kind, java.util.function.Function<ArticleRepository, T> f) {
        String url = TestDatabases.fresh(kind);
        try (Database db = Database.open(url, null, null, TestApp.repositoryRoot().resolve("db/migration"))) {
            return f.apply(new ArticleRepository(db));
        } finally {
            TestDatabases.drop(url);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void everyQuoteAppearsVerbatimAtItsOffset(String kind) {
        withDatabase(kind, repo -> {
            Article article = repo.bySlug(Seeded.ARTICLE_SLUG).orElseThrow();
            List<Item> items = repo.activeItems(article.id());
            assertThat(items).hasSizeBetween(20, 30);
            for (Item item : items) {
                assertThat(article.body().substring(item.quoteStart(), item.quoteEnd()))
                        .as("item %d's quote at offset %d", item.id(), item.quoteStart())
                        .isEqualTo(item.quote());
                assertThat(item.anchoredIn(article.body())).isTrue();
            }
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theArticleIsStoredWhole(String kind) {
        withDatabase(kind, repo -> {
            Article article = repo.bySlug(Seeded.ARTICLE_SLUG).orElseThrow();
            assertThat(article.title()).isEqualTo("Is China About To Disrupt U.S. Tech? Insights from Balaji Srinivasan");
            assertThat(article.publishedOn()).isEqualTo(LocalDate.of(2025, 3, 25));
            assertThat(article.body()).hasSize(5815)
                    .startsWith("Companies\n")
                    .contains("Srinivasan concludes with a cautious observation")
                    .contains("\u2014 Damien Ma, March 22, 2025")
                    .endsWith("China, AI, Technology, Investment, Nvidia");
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void itemsAreCompleteForTheirKind(String kind) {
        withDatabase(kind, repo -> {
            List<Item> items = repo.activeItems(repo.bySlug(Seeded.ARTICLE_SLUG).orElseThrow().id());
            Map<ItemKind, Long> byKind = items.stream().collect(Collectors.groupingBy(Item::kind, Collectors.counting()));
            assertThat(byKind.get(ItemKind.CLAIM)).isGreaterThanOrEqualTo(10);
            assertThat(byKind.get(ItemKind.PREDICTION)).isGreaterThanOrEqualTo(5);
            assertThat(byKind.get(ItemKind.RECOMMENDATION)).isGreaterThanOrEqualTo(4);
            for (Item item : items) {
                assertThat(item.statement()).isNotBlank().hasSizeLessThanOrEqualTo(200);
                assertThat(item.assertedBy()).isIn("Balaji Srinivasan", "Damien Ma", "The article's author");
                assertThat(repo.of(item).quoted()).contains(item.assertedBy());
                if (item.isPrediction()) {
                    assertThat(item.resolutionCriteria()).as("criteria of %d", item.id()).isNotBlank();
                    assertThat(item.resolveBy()).as("resolve-by of %d", item.id()).isAfter(LocalDate.of(2026, 12, 31));
                    assertThat(item.impliedProbability()).isBetween(1, 99);
                    assertThat(item.impliedWording()).isNotBlank();
                } else {
                    assertThat(item.resolutionCriteria()).isNull();
                    assertThat(item.resolveBy()).isNull();
                    assertThat(item.impliedProbability()).isNull();
                }
            }
            // positions follow the order of the passages in the text
            assertThat(items).isSortedAccordingTo(java.util.Comparator.comparingInt(Item::quoteStart));
            return null;
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void coverageOfTheArticle(String kind) {
        withDatabase(kind, repo -> {
            String quotes = repo.activeItems().stream().map(Item::quote).collect(Collectors.joining("\n"));
            // all six numbered considerations, and the passages PRODUCT §1 names
            for (String passage : List.of(
                    "approximately $1 trillion", "hardware production rather than software", "mass production",
                    "national pride", "DeepSeek, a new AI model", "high-ranking officials",
                    "commoditize AI", "remove profitability from AI software", "study, copy, optimize",
                    "recovering their substantial investment", "strict internet censorship", "easily bypassed",
                    "improving its software capabilities faster", "foreign ministry", "surge in Chinese-developed",
                    "drive down global margins", "most vulnerable", "exposure to Chinese markets",
                    "betting against Nvidia", "automating labor-intensive", "hedging strategies")) {
                assertThat(quotes).as("an item quotes '%s'", passage).contains(passage);
            }
            return null;
        });
    }
}
