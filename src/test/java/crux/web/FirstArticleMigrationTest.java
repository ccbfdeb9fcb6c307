package crux.web;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.FORECAST_LATEST;
import static crux.db.generated.Tables.FORECAST_SCORE;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.db.generated.Tables.RESOLUTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import crux.db.Database;
import crux.debate.DebateSeed;
import crux.forecasts.ForecastReplay;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.testing.TestDatabases;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableOptions;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Issue #18's promise to the first article: V60 (many articles) leaves everything that was written before it as it
 * was, and the first article's URLs keep answering. A database is migrated to the version before V60 and given a
 * realistic life there (members, sessions, stances, forecasts with their community points, a debate with votes,
 * flags, minds moved and revisions, a resolved and scored prediction, log rows, notifications and follows), every table
 * is snapshotted, and after the migration to the latest version every row of every table that existed is unchanged
 * in every column it had. Then Crux starts on that database, and the items, comments and the article answer as they
 * did. On H2, and on PostgreSQL when {@value TestDatabases#POSTGRES_ENV} is set.
 */
class FirstArticleMigrationTest {

    /** The last version before articles had slugs (V60). */
    static final String BEFORE_MANY_ARTICLES = "54";

    @Test
    void onH2TheFirstArticlesDataAndUrlsAreUnchanged() throws Exception {
        check("h2");
    }

    @Test
    void onPostgresTheFirstArticlesDataAndUrlsAreUnchanged() throws Exception {
        assumeTrue(TestDatabases.postgresBase() != null, TestDatabases.POSTGRES_ENV
                + " is not set: the migration of the first article is checked on H2 only");
        check("postgres");
    }

    void check(String kind) throws Exception {
        String url = TestDatabases.fresh(kind);
        try {
            Lived lived;
            try (HikariDataSource ds = TestDatabases.pool(url)) {
                var flyway = Database.flyway(ds, TestApp.repositoryRoot().resolve("db/migration"));
                flyway.target(BEFORE_MANY_ARTICLES).load().migrate();
                SQLDialect dialect = kind.equals("h2") ? SQLDialect.H2 : SQLDialect.POSTGRES;
                // the generated classes' names unquoted, as Crux renders them (H2 upper-cases, PostgreSQL lower-cases)
                DSLContext dsl = DSL.using(ds, dialect,
                        new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED));
                lived = live(dsl, ds);
                // the tables and columns as they are before V60, read from the database, not from today's classes
                DSLContext exact = DSL.using(ds, dialect);
                Table<?>[] tables = tablesNow(exact);
                assertThat(tables).extracting(t -> t.getName().toLowerCase())
                        .contains("article", "item", "member", "item_stance", "forecast", "comment", "resolution",
                                "forecast_score", "moderation_log")
                        .doesNotContain("article_revision", "item_proposal");
                Map<String, List<String>> before = TestDatabases.snapshot(exact, tables);
                String body = exact.resultQuery("SELECT body FROM article").fetchSingle().get(0, String.class);

                flyway.target("latest").load().migrate();

                Map<String, List<String>> after = TestDatabases.snapshot(exact, tables);
                for (String table : before.keySet()) {
                    if (table.equalsIgnoreCase("flyway_schema_history")) {
                        assertThat(after.get(table)).as("Flyway's history keeps its rows").containsAll(before.get(table));
                        continue;
                    }
                    assertThat(after.get(table)).as("rows of %s in the columns it had before V60", table)
                            .isEqualTo(before.get(table));
                }
                assertThat(before.values().stream().mapToInt(List::size).sum()).as("rows compared")
                        .isGreaterThan(5_000);

                Record article = dsl.resultQuery("SELECT slug, format, quoted, markdown, revision, retired_at,"
                        + " body FROM article").fetchSingle();
                assertThat(article.get(0, String.class)).isEqualTo(Seeded.ARTICLE_SLUG);
                assertThat(article.get(1, String.class)).isEqualTo("text");
                assertThat(article.get(2, String.class).split("\n"))
                        .containsExactly("Balaji Srinivasan", "Damien Ma", "The article's author");
                assertThat(article.get(3)).as("no Markdown source: the first article is plain text").isNull();
                assertThat(article.get(4, Integer.class)).isEqualTo(1);
                assertThat(article.get(5)).as("not retired").isNull();
                // V62: the log rows about its items and comments know they are about the first article
                assertThat(dsl.resultQuery("SELECT article_id FROM moderation_log WHERE target_kind IN ('item',"
                        + " 'comment')").fetch(0, Long.class)).as("log rows about items and comments").isNotEmpty()
                        .containsOnly(dsl.resultQuery("SELECT id FROM article").fetchSingle(0, Long.class));
                assertThat(article.get(6, String.class)).isEqualTo(body);
                assertThat(dsl.selectDistinct(ITEM.ASSERTED_BY).from(ITEM).fetch(ITEM.ASSERTED_BY))
                        .as("every item is asserted by someone the article quotes")
                        .allSatisfy(who -> assertThat(article.get(2, String.class).split("\n")).contains(who));
                lived = new Lived(lived.items(), lived.comments(), body);
            }

            try (TestApp app = TestApp.startOn(url, Map.of())) {
                TestClient anonymous = app.client();
                TestClient member = app.member("after-v60");
                for (long item : lived.items()) {
                    assertThat(anonymous.get("/items/" + item).status()).as("/items/%d", item).isEqualTo(200);
                    assertThat(member.get("/items/" + item).status()).as("/items/%d signed in", item).isEqualTo(200);
                }
                for (long comment : lived.comments()) {
                    TestClient.Response r = anonymous.get("/comments/" + comment);
                    assertThat(r.status()).as("/comments/%d", comment).isEqualTo(302);
                    assertThat(r.location()).as("/comments/%d", comment)
                            .startsWith("/items/").endsWith("#comment-" + comment);
                    assertThat(anonymous.get(r.location()).status()).isEqualTo(200);
                }

                TestClient.Response page = anonymous.get(Seeded.ARTICLE);
                assertThat(page.status()).isEqualTo(200);
                var text = Jsoup.parse(page.body()).select("main article").first();
                text.select(".standing").remove(); // each item's standing, shown where its passage ends
                String shown = letters(text.text());
                for (String line : lived.body().split("\n")) {
                    // a numbered list's numbers are the list's, not the text's
                    assertThat(shown).as("the article page shows the line \"%s\"", line)
                            .contains(letters(line.replaceFirst("^\\s*\\d+\\.\\s+", "")));
                }
                assertThat(page.html().select("article a.passage--claim").size()).as("items highlighted")
                        .isGreaterThan(10);

                TestClient.Response front = anonymous.get("/");
                assertThat(front.status()).isEqualTo(200);
                assertThat(front.html().select("a[href=" + Seeded.ARTICLE + "]")).as("the front page lists it")
                        .isNotEmpty();
            }
        } finally {
            TestDatabases.drop(url);
        }
    }

    /** What the test wrote before V60 and reads over HTTP after it. */
    record Lived(List<Long> items, List<Long> comments, String body) {
    }

    /** Without whitespace, so that text compares whatever the page's line breaks and the spaces around a standing. */
    static String letters(String s) {
        return s.replaceAll("\\s+", "");
    }

    /** Every table of the current schema, as the database describes it now. */
    /** Tables a later migration drops and rebuilds from other rows. */
    static final java.util.Set<String> REBUILT = java.util.Set.of("camp", "member_camp", "camp_run");

    static Table<?>[] tablesNow(DSLContext dsl) {
        String schema = dsl.resultQuery("SELECT CURRENT_SCHEMA").fetchSingle().get(0, String.class);
        return dsl.meta().getTables().stream()
                .filter(t -> t.getSchema() != null && t.getSchema().getName().equalsIgnoreCase(schema))
                .filter(t -> t.getTableType() == TableOptions.TableType.TABLE)
                // V61 rebuilds the camp tables per article: camps are recomputed from the stances, not migrated
                .filter(t -> !REBUILT.contains(t.getName().toLowerCase(java.util.Locale.ROOT)))
                .toArray(Table<?>[]::new);
    }

    /**
     * A site's life before V60, in the schema of that version: the generated classes are today's, so only columns
     * that existed then are written.
     */
    static Lived live(DSLContext dsl, HikariDataSource ds) throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        // typed inserts: PostgreSQL refuses a time bound as text
        long mod = dsl.insertInto(MEMBER).set(MEMBER.NAME, "v54mod").set(MEMBER.NAME_KEY, "v54mod")
                .set(MEMBER.PASSWORD_HASH, "not-a-real-hash").set(MEMBER.ROLE, "moderator")
                .set(MEMBER.CREATED_AT, now.minusDays(40)).returningResult(MEMBER.ID).fetchSingle().value1();
        BulkData bulk = new BulkData(dsl);
        List<Long> members = bulk.members("v54member", 300, "member");
        List<Long> items = dsl.select(ITEM.ID).from(ITEM).orderBy(ITEM.POSITION).fetch(ITEM.ID);
        List<Long> predictions = dsl.select(ITEM.ID).from(ITEM).where(ITEM.KIND.eq("prediction"))
                .orderBy(ITEM.POSITION).fetch(ITEM.ID);
        List<Long> claims = dsl.select(ITEM.ID).from(ITEM).where(ITEM.KIND.eq("claim"))
                .orderBy(ITEM.POSITION).fetch(ITEM.ID);

        bulk.stances(members, items, 12);
        bulk.recountTallies();
        bulk.forecasts(members.subList(0, 150), predictions.subList(0, 3), 3);
        try (Connection c = ds.getConnection()) {
            for (long p : predictions.subList(0, 3)) {
                ForecastReplay.rebuild(c, p);
            }
        }
        resolve(dsl, predictions.get(1), mod, now);

        List<Long> comments = new ArrayList<>(DebateSeed.seed(dsl, claims.get(0), members, 200, 4, 1));
        comments.addAll(DebateSeed.seed(dsl, predictions.get(0), members, 40, 2, 2));
        comments.addAll(DebateSeed.seed(dsl, predictions.get(1), members, 20, 1, 3));
        bulk.upVotes(members.get(0), comments.subList(0, 100));
        bulk.mindChanges(members.subList(0, 30), comments.subList(0, 10), claims.get(0));
        bulk.commentRevisions(comments.get(0), 3);
        bulk.flags(comments.subList(100, 120), members.subList(150, 300), 2);
        bulk.itemRevisions(claims.get(1), mod, 2);
        bulk.moderationLog(List.of(mod), claims.get(1), 30);
        bulk.notifications(members.get(0), members.subList(1, 50), 40);
        bulk.follows(members.subList(0, 20), List.of(claims.get(0), predictions.get(0)));
        bulk.sessions(members.subList(0, 100), 2);

        // permalinks of arguments, replies and replies to replies, from all three threads
        List<Long> probed = new ArrayList<>(comments.subList(0, 12));
        probed.addAll(comments.subList(200, 204));
        probed.addAll(comments.subList(240, 244));
        assertThat(dsl.fetchCount(COMMENT, COMMENT.PARENT_ID.in(probed))).isPositive();
        return new Lived(items, probed, null);
    }

    /**
     * A prediction resolved "yes" as Crux did at V54: its status, its resolution with the crowd's numbers, every
     * forecaster's score from their last forecast, and the log row.
     */
    static void resolve(DSLContext dsl, long item, long mod, OffsetDateTime now) {
        var latest = dsl.select(FORECAST_LATEST.MEMBER_ID, FORECAST_LATEST.PROBABILITY).from(FORECAST_LATEST)
                .where(FORECAST_LATEST.ITEM_ID.eq(item)).fetch();
        assertThat(latest).isNotEmpty();
        dsl.update(ITEM).set(ITEM.STATUS, "resolved_yes").where(ITEM.ID.eq(item)).execute();
        dsl.insertInto(RESOLUTION).set(RESOLUTION.ITEM_ID, item).set(RESOLUTION.OUTCOME, "yes")
                .set(RESOLUTION.NOTE, "as it turned out").set(RESOLUTION.SOURCE_URL, "https://example.org/outcome")
                .set(RESOLUTION.RESOLVED_AT, now.minusDays(1)).set(RESOLUTION.RESOLVED_BY, mod)
                .set(RESOLUTION.FORECASTERS, latest.size()).set(RESOLUTION.CROWD_FINAL, 61.5)
                .set(RESOLUTION.CROWD_BRIER, 0.1482).set(RESOLUTION.CROWD_LOG_SCORE, -0.4855)
                .set(RESOLUTION.CROWD_COVERAGE, 1.0).execute();
        for (var r : latest) {
            double p = r.value2() / 100.0;
            dsl.insertInto(FORECAST_SCORE).set(FORECAST_SCORE.ITEM_ID, item).set(FORECAST_SCORE.MEMBER_ID, r.value1())
                    .set(FORECAST_SCORE.FINAL_PROBABILITY, r.value2()).set(FORECAST_SCORE.BRIER, (1 - p) * (1 - p))
                    .set(FORECAST_SCORE.LOG_SCORE, Math.log(p)).set(FORECAST_SCORE.COVERAGE, 1.0).execute();
        }
        dsl.insertInto(MODERATION_LOG).set(MODERATION_LOG.CREATED_AT, now.minusDays(1))
                .set(MODERATION_LOG.MODERATOR_ID, mod).set(MODERATION_LOG.ACTION, "resolve_prediction")
                .set(MODERATION_LOG.TARGET_KIND, "item").set(MODERATION_LOG.TARGET_ID, item)
                .set(MODERATION_LOG.TARGET_LABEL, "resolved yes").set(MODERATION_LOG.REASON, "as it turned out").execute();
    }
}
