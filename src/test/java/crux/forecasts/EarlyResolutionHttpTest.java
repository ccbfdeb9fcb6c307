package crux.forecasts;

import static crux.db.generated.Tables.FORECAST_SCORE;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.db.generated.Tables.NOTIFICATION;
import static crux.db.generated.Tables.RESOLUTION;
import static crux.testing.Refusals.assertRefused;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.forecasts.web.ResolutionHandlers;
import crux.testing.MutableClock;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resolving YES or NO before a prediction's resolve-by date asks the moderator to confirm, keeping what they typed,
 * and stores nothing until they do; a confirmed early resolution says so in the public log. On time, and annulments,
 * need no confirmation.
 */
class EarlyResolutionHttpTest {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    static final MutableClock clock = MutableClock.atNow();
    static TestApp app;
    static TestClient mod;

    @BeforeAll
    static void start() {
        app = TestApp.start("h2", Map.of(), clock);
        mod = app.member("earlymod", "moderator");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Map<String, List<String>> writes() {
        return app.snapshot(ITEM, RESOLUTION, FORECAST_SCORE, MODERATION_LOG, NOTIFICATION);
    }

    static LocalDate resolveBy(long item) {
        return app.dsl().select(ITEM.RESOLVE_BY).from(ITEM).where(ITEM.ID.eq(item)).fetchOne().value1();
    }

    static String status(long item) {
        return app.dsl().select(ITEM.STATUS).from(ITEM).where(ITEM.ID.eq(item)).fetchOne().value1();
    }

    static String lastLog() {
        return app.dsl().select(MODERATION_LOG.REASON).from(MODERATION_LOG).orderBy(MODERATION_LOG.ID.desc()).limit(1)
                .fetchOne().value1();
    }

    static LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @Test
    void anEarlyResolutionComesBackToConfirmWithWhatWasTypedAndStoresNothing() {
        long item = app.prediction(1);
        assertThat(today()).as("the seeded prediction is not yet due").isBefore(resolveBy(item));
        app.member("earlyfox").submit("/items/" + item, "/items/" + item + "/forecast", form("probability", "70"));
        var before = writes();

        TestClient.Response r = mod.submit("/items/" + item, "/mod/items/" + item + "/resolve",
                form("outcome", "yes", "note", "Dozens of models shipped.", "source", "https://example.org/models"));
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(writes()).as("nothing stored before confirming").isEqualTo(before);
        assertThat(status(item)).isEqualTo("open");

        Document page = r.html();
        String ahead = EarlyResolution.ahead(Outcome.YES, resolveBy(item), today()).orElseThrow();
        assertThat(page.select("h1").text()).isEqualTo("Resolve this prediction early?");
        assertThat(page.select("[role=alert]").text()).contains("is due to resolve by", ahead + " from now");
        Element form = page.selectFirst("#resolve-form");
        assertThat(form.selectFirst("input[name=outcome][value=yes]").hasAttr("checked")).isTrue();
        assertThat(form.selectFirst("input[name=note]").val()).isEqualTo("Dozens of models shipped.");
        assertThat(form.selectFirst("input[name=source]").val()).isEqualTo("https://example.org/models");
        Element confirm = form.selectFirst("input[type=checkbox][name=early]");
        assertThat(confirm.hasAttr("required")).isTrue();
        assertThat(confirm.val()).isEqualTo("confirmed");
        assertThat(form.parent().select("label:has(input[name=early])").text())
                .isEqualTo("Resolve it now, " + ahead + " before its resolve-by date (the log says so)");
        assertThat(form.select("button[type=submit]").text()).isEqualTo("Resolve early");

        // any value but the checkbox's own is no confirmation
        assertThat(mod.submit("/items/" + item, "/mod/items/" + item + "/resolve", form("outcome", "no",
                "note", "n", "source", "https://example.org", "early", "yes")).status()).isEqualTo(409);
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void aConfirmedEarlyResolutionIsStoredAndTheLogSaysItWasEarly() {
        long item = app.prediction(2);
        String ahead = EarlyResolution.ahead(Outcome.NO, resolveBy(item), today()).orElseThrow();
        int logs = app.count(MODERATION_LOG);
        TestClient.Response r = mod.submit("/items/" + item, "/mod/items/" + item + "/resolve", form("outcome", "no",
                "note", "Margins held.", "source", "https://example.org/margins", "early", "confirmed"));
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        assertThat(status(item)).isEqualTo("resolved_no");
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
        String when = resolveBy(item).format(DAY);
        assertThat(lastLog()).isEqualTo("Resolved NO: resolved " + ahead + " before its resolve-by date (" + when
                + "). Margins held. (source: https://example.org/margins)");
        // the public log shows it
        assertThat(app.client().get("/mod/log").html().text()).contains("resolved " + ahead + " before its resolve-by date");
    }

    @Test
    void theLongestNoteAndSourceFitTheLogEntryWhole() {
        long item = app.prediction(6);
        String note = "n".repeat(ResolutionHandlers.MAX_NOTE);
        String source = "https://example.org/" + "s".repeat(ResolutionHandlers.MAX_SOURCE - "https://example.org/".length());
        TestClient.Response r = mod.submit("/items/" + item, "/mod/items/" + item + "/resolve", form("outcome", "yes",
                "note", note, "source", source, "early", "confirmed"));
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        assertThat(status(item)).isEqualTo("resolved_yes");
        assertThat(lastLog()).contains(note).endsWith("(source: " + source + ")");
    }

    @Test
    void annullingEarlyNeedsNoConfirmation() {
        long item = app.prediction(3);
        TestClient.Response r = mod.submit("/items/" + item, "/mod/items/" + item + "/resolve",
                form("outcome", "annulled", "note", "The question no longer makes sense.", "source", ""));
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        assertThat(status(item)).isEqualTo("annulled");
        assertThat(lastLog()).isEqualTo("Annulled: The question no longer makes sense.");
    }

    @Test
    void onTimeResolutionsNeedNoConfirmation() {
        long item = app.prediction(4);
        Instant now = clock.instant();
        try {
            // the resolve-by date itself is on time
            clock.set(resolveBy(item).atStartOfDay(ZoneOffset.UTC).plusHours(12).toInstant());
            TestClient later = app.member(app.uniqueName("latemod"), "moderator");
            TestClient.Response r = later.submit("/items/" + item, "/mod/items/" + item + "/resolve",
                    form("outcome", "yes", "note", "It happened in time.", "source", "https://example.org/on-time"));
            assertThat(r.status()).as(r.body()).isEqualTo(303);
            assertThat(status(item)).isEqualTo("resolved_yes");
            assertThat(lastLog()).isEqualTo("Resolved YES: It happened in time. (source: https://example.org/on-time)");
        } finally {
            clock.set(now);
        }
    }

    @Test
    void onlyModeratorsWithTheFormsTokenResolveEvenWhenConfirmed() {
        long item = app.prediction(5);
        var before = writes();
        var fields = form("outcome", "yes", "note", "n", "source", "https://example.org", "early", "confirmed");
        assertRefused(app.member("earlymember").submit("/items/" + item, "/mod/items/" + item + "/resolve", fields),
                403, "This page is for moderators.");
        assertRefused(mod.post("/mod/items/" + item + "/resolve", fields), 403,
                "This form has expired or did not come from Crux. Please reload the page and try again.");
        assertThat(writes()).isEqualTo(before);
        assertThat(status(item)).isEqualTo("open");
    }

    @Test
    void theItemPageSaysWhenResolvingWouldBeEarly() {
        long item = app.prediction(5);
        Element form = mod.get("/items/" + item).html().selectFirst("#resolve-form");
        String when = resolveBy(item).format(DAY);
        assertThat(form.select(".hint").text()).isEqualTo("Its resolve-by date is " + when
                + ": resolving YES or NO before then asks you to confirm.");
        assertThat(form.select("input[name=early]")).isEmpty();
    }
}
