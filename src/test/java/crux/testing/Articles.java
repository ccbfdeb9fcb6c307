package crux.testing;

import static crux.db.generated.Tables.ARTICLE;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A second (third…) article for tests: stored as publishing would store it, with items anchored in it by a
 * moderator over HTTP, as {@code /mod/items} with its {@code article} field does.
 */
public final class Articles {

    /** Who the test articles quote: items are asserted by her. */
    public static final String QUOTED = "Dana Writer";

    private Articles() {
    }

    /** The body of an article whose sentences are {@code claims} (each one becomes a quotable passage). */
    public static String body(List<String> claims) {
        return String.join("\n\n", claims);
    }

    /** Stores an article with its plain body; returns its id. The app's article list is dropped so it is seen. */
    public static long insert(TestApp app, String slug, String title, String body) {
        long id = app.dsl().insertInto(ARTICLE)
                .set(ARTICLE.SLUG, slug).set(ARTICLE.TITLE, title).set(ARTICLE.AUTHORS, "A. Writer")
                .set(ARTICLE.PUBLISHER, "The Paper").set(ARTICLE.PUBLISHED_ON, LocalDate.of(2026, 1, 2))
                .set(ARTICLE.FORMAT, "markdown").set(ARTICLE.MARKDOWN, body).set(ARTICLE.BODY, body)
                .set(ARTICLE.QUOTED, QUOTED)
                .returningResult(ARTICLE.ID).fetchOne().value1();
        app.app().dropCaches();
        return id;
    }

    /** An article of claims, each sentence anchored as a claim by {@code moderator}; returns the items' ids in order. */
    public static List<Long> withClaims(TestApp app, TestClient moderator, String slug, String title,
                                        List<String> sentences) {
        insert(app, slug, title, body(sentences));
        List<Long> ids = new ArrayList<>();
        for (String s : sentences) {
            ids.add(claim(moderator, slug, s, s));
        }
        return ids;
    }

    /** Anchors a claim in the article at {@code slug}; returns its id. */
    public static long claim(TestClient moderator, String slug, String statement, String quote) {
        TestClient.Response r = moderator.submit("/mod/items/new?article=" + slug, "/mod/items", form("article", slug,
                "kind", "claim", "statement", statement, "assertedBy", QUOTED, "quote", quote, "occurrence", "1",
                "reason", "the article makes this claim"));
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        return Long.parseLong(r.location().replaceAll("^.*/items/", ""));
    }

    /** Anchors a prediction in the article at {@code slug}; returns its id. */
    public static long prediction(TestClient moderator, String slug, String statement, String quote) {
        TestClient.Response r = moderator.submit("/mod/items/new?article=" + slug, "/mod/items", form("article", slug,
                "kind", "prediction", "statement", statement, "assertedBy", QUOTED, "quote", quote, "occurrence", "1",
                "criteria", "It happens.", "resolveBy", LocalDate.now().plusYears(1).toString(), "implied", "70",
                "wording", "expects", "reason", "the article predicts this"));
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        return Long.parseLong(r.location().replaceAll("^.*/items/", ""));
    }
}
