package crux.web;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_PROPOSAL;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.Routes;
import crux.debate.DebateSeed;
import crux.debate.PostTokens;
import crux.moderation.ItemModerationRepository;
import crux.testing.Articles;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import io.javalin.http.HandlerType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every GET route of the route table runs exactly as many SQL statements (X-Sql-Statements) on a small site as on
 * one grown many times over: thousands more members, stances, forecasts and comments, hundreds more flags, log rows,
 * notifications in the viewer's inbox, follows and sessions. A page whose count grows with the data runs a query per
 * row somewhere. Each route is asked for by every kind of viewer who may see it, with real ids in its path; a GET
 * route added to {@link Routes} later is measured too, or fails this test until it is given a path or a reason.
 */
class PageStatementCountTest {

    /** GET routes not measured, and why. */
    static final Map<String, String> NOT_MEASURED = Map.of(
            "/items/{id}/events", "a server-sent event stream: the response never completes, so it has no count");

    /**
     * Claims and predictions the pages are measured on. 14 is resolved before the first measurement, and reopened
     * and resolved again (scoring every forecaster) after the data has grown.
     */
    static long claim;
    static long openPrediction;
    static long resolvedPrediction;
    /** Resolved with the small data, so that members are ranked on the leaderboard from the start. */
    static long[] alsoResolved;
    static long[] voted;

    enum Viewer { ANONYMOUS, MEMBER, MODERATOR, ADMIN }

    /** One request to measure: a concrete path of a route, as one viewer, and the status it answers with. */
    record Probe(String route, String path, Viewer viewer, int status) {
        String key() {
            return String.format("%-10s %s", viewer.name().toLowerCase(), path);
        }
    }

    static TestApp app;
    static final Map<Viewer, TestClient> clients = new LinkedHashMap<>();
    /** The member's own argument (edited once), and another member's argument in the same thread. */
    static long own;
    static long others;
    /** The member's proposal, waiting in the moderators' queue. */
    static long proposal;
    static List<Probe> probes;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        claim = app.claim(1);
        openPrediction = app.prediction(1);
        resolvedPrediction = app.prediction(2);
        alsoResolved = new long[] {app.prediction(4), app.prediction(5)};
        voted = new long[] {app.claim(1), app.claim(2), app.claim(3), app.claim(4), app.claim(5), app.claim(6), app.claim(7)};
        clients.put(Viewer.MEMBER, app.member("ps-member"));
        clients.put(Viewer.MODERATOR, app.member("ps-mod", "moderator"));
        clients.put(Viewer.ADMIN, app.member("ps-admin", "admin"));
        smallSite();
        probes = probes();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /**
     * Just enough that every part of every page shows: camps, ranked forecasters, resolved and open predictions,
     * a thread with an edited argument, a vote, a reply (so the member has a notification), a flag, a follow, an item
     * edit and the moderation log rows all of that leaves. Written over HTTP, as people would.
     */
    static void smallSite() {
        TestClient member = clients.get(Viewer.MEMBER);
        TestClient mod = clients.get(Viewer.MODERATOR);
        List<TestClient> voters = new ArrayList<>();
        List<Long> authors = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            voters.add(app.member("ps-voter" + i));
            authors.add(app.memberNamed("ps-voter" + i).id());
        }
        List<TestClient> everyone = new ArrayList<>(voters);
        everyone.add(member);
        for (int v = 0; v < everyone.size(); v++) {
            TestClient c = everyone.get(v);
            String token = c.csrf("/about");
            for (int i = 0; i < voted.length; i++) {
                ok(c.postWithToken("/items/" + voted[i] + "/stance", token,
                        form("stance", new String[] {"agree", "disagree", "unsure"}[(i + v) % 3])));
            }
            boolean voter = c != member;
            if (!voter) {
                // the member's stance on the predictions measured, too: an item page shows more to those who voted
                for (long p : new long[] {openPrediction, resolvedPrediction}) {
                    ok(c.postWithToken("/items/" + p + "/stance", token, form("stance", "unsure")));
                }
            }
            for (long item : voter ? new long[] {openPrediction, resolvedPrediction, alsoResolved[0], alsoResolved[1]}
                    : new long[] {openPrediction, resolvedPrediction}) {
                ok(c.postWithToken("/items/" + item + "/forecast", token,
                        form("probability", Integer.toString(10 + (v * 11 + (int) item) % 80))));
            }
        }
        resolve(resolvedPrediction, "no");
        for (long item : alsoResolved) {
            resolve(item, "yes");
        }

        others = DebateSeed.seed(app.dsl(), claim, authors, 10, 3, 1).get(0);
        DebateSeed.seed(app.dsl(), resolvedPrediction, authors, 4, 1, 2);
        DebateSeed.seed(app.dsl(), openPrediction, authors, 4, 1, 3);
        own = commentId(member.submit("/about", "/items/" + claim + "/arguments",
                form("side", "supports", "body", "My first argument.", "token", PostTokens.next())));
        ok(member.submit("/about", "/comments/" + own + "/edit", form("body", "My argument, reworded.")));
        commentId(voters.get(1).submit("/about", "/comments/" + own + "/replies",
                form("body", "A reply the member is notified of.", "token", PostTokens.next())));
        ok(member.submit("/about", "/comments/" + others + "/vote", form("vote", "up")));
        ok(member.submit("/about", "/items/" + claim + "/stance",
                form("stance", "agree", "credit", Long.toString(others))));
        ok(member.submit("/about", "/items/" + claim + "/follow", form()));
        ok(voters.get(2).submit("/about", "/comments/" + others + "/flag", form("reason", "uncivil", "note", "")));
        String statement = app.dsl().select(ITEM.STATEMENT).from(ITEM).where(ITEM.ID.eq(claim)).fetchOne().value1();
        ok(mod.submit("/about", "/mod/items/" + claim + "/edit",
                form("previous", statement, "statement", statement + " (reworded)", "reason", "clearer wording")));
        ok(member.submit(Seeded.ARTICLE + "/propose", Seeded.ARTICLE + "/proposals", form("quote",
                "Maintaining awareness of global technological shifts", "kind", "recommendation",
                "statement", "Investors should watch global technology shifts.", "why", "advice the article gives")));
        proposal = app.dsl().select(ITEM_PROPOSAL.ID).from(ITEM_PROPOSAL).fetchOne().value1();
        app.app().camps().runNow().orElseThrow();
        // the two-factor setup page stores its key on the first view only (it is kept until used or cancelled): it is
        // measured as every later view finds it
        assertThat(member.get("/settings/two-factor").status()).isEqualTo(200);
    }

    /**
     * The same site many times over: more articles and items, 2,000 more members with their stances, forecasts, comments, votes,
     * flags, follows and sessions, and hundreds more log rows, revisions and notifications for the member.
     * Counters are brought back in line with the rows.
     */
    static void growTheSite() {
        BulkData bulk = new BulkData(app.dsl());
        long member = app.memberNamed("ps-member").id();
        long mod = app.memberNamed("ps-mod").id();
        addItems(20);
        addArticles(15, 25);
        List<Long> items = app.dsl().select(ITEM.ID).from(ITEM).orderBy(ITEM.ID).fetch(ITEM.ID);
        List<Long> grown = bulk.members("ps-grown", 2_000, "member");
        List<Long> staff = bulk.members("ps-staff", 30, "moderator");

        bulk.stances(grown, items, 10);
        bulk.stancesOnEveryItem(member, items);
        bulk.recountTallies();
        TestClient viewer = clients.get(Viewer.MEMBER);
        ok(clients.get(Viewer.MODERATOR).submit("/about", "/mod/items/" + resolvedPrediction + "/reopen",
                form("reason", "to add the forecasts made meanwhile")));
        // Not all 2,000: a prediction's page costs time (not statements) per forecaster and update, as its chart
        // replays the community forecast after every update (CommunityForecast.history); 800 keep this test quick.
        List<Long> forecasters = grown.subList(0, 800);
        bulk.forecasts(forecasters, List.of(openPrediction, resolvedPrediction), 2);
        bulk.forecasts(List.of(member), List.of(openPrediction, resolvedPrediction), 30);
        // real forecasts last: the item's community forecast and forecaster count are recomputed from all the rows
        ok(viewer.submit("/about", "/items/" + openPrediction + "/forecast", form("probability", "61")));
        ok(viewer.submit("/about", "/items/" + resolvedPrediction + "/forecast", form("probability", "62")));
        resolve(resolvedPrediction, "no");

        List<Long> thread = DebateSeed.seed(app.dsl(), claim, grown, 2_000, 19, 4);
        DebateSeed.seed(app.dsl(), resolvedPrediction, grown, 300, 5, 5);
        DebateSeed.seed(app.dsl(), openPrediction, grown, 300, 5, 6);
        bulk.upVotes(member, thread.subList(0, 1_000));
        bulk.mindChanges(grown.subList(0, 300), thread.subList(0, 40), claim);
        bulk.commentRevisions(own, 60);
        bulk.flags(thread.subList(1_000, 1_200), grown.subList(1_000, 2_000), 3);
        bulk.itemRevisions(claim, mod, 40);
        List<Long> moderators = new ArrayList<>(staff);
        moderators.add(mod);
        bulk.moderationLog(moderators, claim, 400);
        proposals(grown.subList(0, 300), member);
        bulk.notifications(member, grown, 300);
        bulk.follows(grown, List.of(claim, openPrediction));
        bulk.follows(List.of(member), items);
        bulk.sessions(List.of(member), 100);
        bulk.sessions(grown, 1);
        app.app().camps().runNow().orElseThrow();
        // the front page's numbers for every article, as the job would count them within a minute
        app.app().activity().refresh();
    }

    /** Pending proposals from many members, and many of the member's own, decided and not. */
    static void proposals(List<Long> proposers, long member) {
        long article = app.dsl().select(ITEM_PROPOSAL.ARTICLE_ID).from(ITEM_PROPOSAL).where(ITEM_PROPOSAL.ID.eq(proposal))
                .fetchOne().value1();
        var insert = app.dsl().insertInto(ITEM_PROPOSAL, ITEM_PROPOSAL.ARTICLE_ID, ITEM_PROPOSAL.PROPOSER_ID,
                ITEM_PROPOSAL.KIND, ITEM_PROPOSAL.STATEMENT, ITEM_PROPOSAL.QUOTE, ITEM_PROPOSAL.QUOTE_START,
                ITEM_PROPOSAL.WHY, ITEM_PROPOSAL.STATUS, ITEM_PROPOSAL.CREATED_AT, ITEM_PROPOSAL.DECLINE_REASON);
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        for (int i = 0; i < proposers.size() + 60; i++) {
            boolean own = i >= proposers.size();
            String status = own ? (i % 2 == 0 ? "declined" : "pending") : "pending";
            insert = insert.values(article, own ? member : proposers.get(i), "claim", "A proposed claim " + i,
                    "a passage " + i, i, "a reason " + i, status, now.minusMinutes(1000 - i),
                    "declined".equals(status) ? "not a claim" : null);
        }
        insert.execute();
    }

    /** Claims added by a moderator, each anchored in a different passage of the first article. */
    static void addItems(int count) {
        String body = app.dsl().select(ARTICLE.BODY).from(ARTICLE).where(ARTICLE.SLUG.eq(Seeded.ARTICLE_SLUG))
                .fetchSingle().value1();
        for (int i = 0; i < count; i++) {
            int from = body.length() * (i + 1) / (count + 1);
            String quote = body.substring(from, from + 80);
            quote = quote.substring(0, quote.contains("\n") ? quote.indexOf('\n') : quote.length());
            if (quote.length() < ItemModerationRepository.MIN_QUOTE) {
                quote = body.substring(from - 40, from);
            }
            ok(clients.get(Viewer.MODERATOR).submit("/mod/items/new", "/mod/items", form("kind", "claim",
                    "statement", "An added claim, number " + i + ".", "assertedBy", "Balaji Srinivasan", "quote", quote,
                    "occurrence", "1", "reason", "the article makes this claim too")));
        }
    }

    /**
     * {@code count} more articles of {@code itemsEach} items (claims and predictions, each quoting a sentence of its
     * article at its offset), inserted directly: the front page lists them all, and the article and item pages must
     * not cost more for there being other articles.
     */
    static void addArticles(int count, int itemsEach) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        for (int a = 0; a < count; a++) {
            StringBuilder body = new StringBuilder("Analysis\n\nAnother article, number " + a + "\n\n");
            List<String> sentences = new ArrayList<>();
            for (int i = 0; i < itemsEach; i++) {
                String sentence = "Article " + a + " argues point " + i + ": the numbers will tell within a year.";
                sentences.add(sentence);
                body.append(sentence).append(i % 3 == 2 ? "\n\n" : " ");
            }
            String text = body.toString().strip();
            long article = app.dsl().insertInto(ARTICLE)
                    .set(ARTICLE.TITLE, "Another article, number " + a).set(ARTICLE.PUBLISHER, "A publisher")
                    .set(ARTICLE.PUBLISHED_ON, now.toLocalDate().minusDays(a)).set(ARTICLE.BODY, text)
                    .set(ARTICLE.SLUG, "another-article-number-" + a).set(ARTICLE.AUTHORS, "An Author")
                    .set(ARTICLE.QUOTED, "An Author\nA Source").set(ARTICLE.LAST_ACTIVITY_AT, now.minusDays(a))
                    .returningResult(ARTICLE.ID).fetchSingle().value1();
            for (int i = 0; i < itemsEach; i++) {
                String quote = sentences.get(i);
                boolean prediction = i % 4 == 3;
                app.dsl().insertInto(ITEM).set(ITEM.ARTICLE_ID, article).set(ITEM.POSITION, i + 1)
                        .set(ITEM.KIND, prediction ? "prediction" : "claim")
                        .set(ITEM.STATEMENT, "Point " + i + " of article " + a + " holds.")
                        .set(ITEM.ASSERTED_BY, "An Author").set(ITEM.QUOTE, quote).set(ITEM.QUOTE_START, text.indexOf(quote))
                        .set(ITEM.RESOLUTION_CRITERIA, prediction ? "Resolves yes if it does." : null)
                        .set(ITEM.RESOLVE_BY, prediction ? now.toLocalDate().plusYears(1) : null)
                        .set(ITEM.CREATED_AT, now.minusDays(a)).execute();
            }
        }
        // the articles are read again on the next request, not within the second
        app.app().dropCaches();
    }

    /**
     * The requests measured: for every GET route, its concrete paths (real ids; a few query strings that take
     * other code paths) as every kind of viewer its access admits.
     */
    static List<Probe> probes() {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        String item = "/items/" + claim;
        paths.put("/items/{id}", List.of(item, item + "?results=show", item + "?view=procon&sort=new&page=2",
                "/items/" + openPrediction, "/items/" + resolvedPrediction));
        paths.put("/items/{id}.json", List.of(item + ".json", "/items/" + openPrediction + ".json",
                "/items/" + resolvedPrediction + ".json"));
        paths.put("/items/{id}/feed.atom", List.of(item + "/feed.atom", "/items/" + resolvedPrediction + "/feed.atom"));
        paths.put("/items/{id}/forecasts.csv", List.of("/items/" + openPrediction + "/forecasts.csv",
                "/items/" + resolvedPrediction + "/forecasts.csv"));
        paths.put("/items/{id}/live/stance", List.of(item + "/live/stance", item + "/live/stance?results=show"));
        paths.put("/items/{id}/live/forecast", List.of("/items/" + openPrediction + "/live/forecast",
                "/items/" + resolvedPrediction + "/live/forecast"));
        paths.put("/items/{id}/live/debate", List.of(item + "/live/debate", item + "/live/debate?view=procon"));
        paths.put("/comments/{id}", List.of("/comments/" + others, "/comments/" + own));
        paths.put("/comments/{id}/history", List.of("/comments/" + own + "/history"));
        paths.put("/comments/{id}/reply", List.of("/comments/" + others + "/reply"));
        paths.put("/comments/{id}/edit", List.of("/comments/" + own + "/edit"));
        paths.put("/users/{name}", List.of("/users/ps-member", "/users/ps-voter0", "/users/ps-member?page=2"));
        paths.put("/users/{name}/feed.atom", List.of("/users/ps-member/feed.atom", "/users/ps-voter0/feed.atom"));
        paths.put("/mod/log", List.of("/mod/log", "/mod/log?page=2", "/mod/log?moderator=ps-mod&action=edit_item",
                "/mod/log?article=" + Seeded.ARTICLE_SLUG));
        paths.put("/inbox", List.of("/inbox", "/inbox?page=2"));
        paths.put("/search", List.of("/search", "/search?q=argument", "/search?q=china+open&kind=items&article="
                + Seeded.ARTICLE_SLUG, "/search?q=%22my+argument%22+-nothing&page=2", "/search?q=ps-member"));
        String unsubscribe = app.app().noticeMail().unsubscribeUrl(app.memberNamed("ps-member").id(),
                crux.notifications.MailTopic.REPLIES);
        paths.put("/mail/unsubscribe/{token}", List.of(unsubscribe.substring(unsubscribe.indexOf("/mail/"))));
        paths.put("/articles/{slug}", List.of(Seeded.ARTICLE));
        paths.put("/articles/{slug}.json", List.of(Seeded.ARTICLE + ".json"));
        paths.put("/articles/{slug}/feed.atom", List.of(Seeded.ARTICLE + "/feed.atom"));
        paths.put("/articles/{slug}/common-ground", List.of(Seeded.ARTICLE + "/common-ground"));
        paths.put("/feed.atom", List.of("/feed.atom", "/feed.atom?article=" + Seeded.ARTICLE_SLUG));
        paths.put("/leaderboard", List.of("/leaderboard", "/leaderboard?article=" + Seeded.ARTICLE_SLUG));
        paths.put("/articles/{slug}/history", List.of(Seeded.ARTICLE + "/history"));
        paths.put("/mod/articles/{slug}/edit", List.of("/mod/articles/" + Seeded.ARTICLE_SLUG + "/edit"));
        paths.put("/articles/{slug}/propose", List.of(Seeded.ARTICLE + "/propose",
                Seeded.ARTICLE + "/propose?quote=some+words&occurrence=2"));
        paths.put("/mod/proposals/{id}", List.of("/mod/proposals/" + proposal));
        // the pages mailed links open (they only look at the token: using one is a POST)
        String reset = app.app().passwordResets().issueLink("ps-member").orElseThrow();
        paths.put("/password/reset/{token}", List.of(reset.substring(reset.indexOf("/password/reset/"))));
        paths.put("/email/verify/{token}", List.of("/email/verify/" + verifyToken()));

        List<Probe> out = new ArrayList<>();
        for (Route r : app.routes()) {
            if (r.method() != HandlerType.GET || NOT_MEASURED.containsKey(r.path())) {
                continue;
            }
            List<String> concrete = paths.getOrDefault(r.path(), r.path().contains("{") ? List.of() : List.of(r.path()));
            // the permalink sends the browser to the comment's page of the thread
            int status = r.path().equals("/comments/{id}") ? 302 : 200;
            for (String path : concrete) {
                for (Viewer v : viewers(r.access())) {
                    // the code prompt is for members with two-factor on (the moderator here) or a pending sign-in:
                    // anyone else is sent on (to sign in, or to set it up)
                    boolean sentOn = r.path().equals("/two-factor") && v != Viewer.MODERATOR;
                    out.add(new Probe(r.path(), path, v, sentOn ? 302 : status));
                }
            }
        }
        return out;
    }

    /** A working address-confirmation link for ps-member, stored as Crux stores one (its SHA-256). */
    static String verifyToken() {
        String token = "probe-".repeat(7) + "p";
        try {
            String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
            app.dsl().insertInto(crux.db.generated.Tables.MEMBER_TOKEN)
                    .set(crux.db.generated.Tables.MEMBER_TOKEN.MEMBER_ID, app.memberNamed("ps-member").id())
                    .set(crux.db.generated.Tables.MEMBER_TOKEN.PURPOSE, "verify")
                    .set(crux.db.generated.Tables.MEMBER_TOKEN.TOKEN_HASH, hash)
                    .set(crux.db.generated.Tables.MEMBER_TOKEN.ADDRESS, "ps-member@crux.test")
                    .set(crux.db.generated.Tables.MEMBER_TOKEN.CREATED_AT, now)
                    .set(crux.db.generated.Tables.MEMBER_TOKEN.EXPIRES_AT, now.plusDays(1)).execute();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return token;
    }

    static List<Viewer> viewers(Access access) {
        return switch (access) {
            case PUBLIC -> List.of(Viewer.ANONYMOUS, Viewer.MEMBER, Viewer.MODERATOR);
            case TOKEN -> List.of(Viewer.ANONYMOUS);
            case MEMBER, ACCOUNT -> List.of(Viewer.MEMBER, Viewer.MODERATOR);
            case MODERATOR -> List.of(Viewer.MODERATOR, Viewer.ADMIN);
            case ADMIN -> List.of(Viewer.ADMIN);
        };
    }

    @Test
    void everyGetRouteIsMeasuredOrSaysWhyNot() {
        TreeSet<String> gets = new TreeSet<>();
        app.routes().stream().filter(r -> r.method() == HandlerType.GET).forEach(r -> gets.add(r.path()));
        TreeSet<String> covered = new TreeSet<>(NOT_MEASURED.keySet());
        probes.forEach(p -> covered.add(p.route()));
        assertThat(covered).as("GET routes measured or listed in NOT_MEASURED (a route with a {parameter} needs real"
                + " paths in probes())").isEqualTo(gets);
        assertThat(gets).contains("/", "/articles/{slug}", "/items/{id}", "/leaderboard", "/common-ground", "/users/{name}", "/mod/log",
                "/mod", "/inbox", "/settings", "/about", "/search", "/feed.atom", "/items/{id}.json", "/items/{id}/forecasts.csv",
                "/comments/{id}", "/comments/{id}/history");
    }

    @Test
    void statementsPerPageAreTheSameOnASmallSiteAndOnAGrownOne() {
        Map<Probe, Integer> small = measure();
        growTheSite();
        Map<Probe, Integer> grown = measure();

        StringBuilder table = new StringBuilder("SQL statements per request, small site -> grown site\n");
        List<String> grew = new ArrayList<>();
        for (Probe p : probes) {
            boolean same = small.get(p).equals(grown.get(p));
            table.append(String.format("  %-70s %3d -> %3d%s%n", p.key(), small.get(p), grown.get(p), same ? "" : "  GREW"));
            if (!same) {
                grew.add(p.key() + ": " + small.get(p) + " -> " + grown.get(p));
            }
        }
        System.out.println(table);
        assertThat(grew).as("requests whose statement count changed with the data").isEmpty();
    }

    static Map<Probe, Integer> measure() {
        Map<Probe, Integer> counts = new LinkedHashMap<>();
        for (Probe p : probes) {
            // an anonymous visitor comes without cookies, as on a first visit (the sign-in form then starts a session)
            TestClient client = p.viewer() == Viewer.ANONYMOUS ? app.client() : clients.get(p.viewer());
            if (p.path().equals("/") || p.route().equals("/articles/{slug}") || p.route().startsWith("/items/{id}")) {
                // the front page, article and item pages keep their rendering (anonymous) and shared data (everyone,
                // a prediction's forecasts) in memory: measure a rendering from the database, not a copy
                app.app().dropCaches();
            }
            if (p.route().equals("/search")) {
                // the embedded engine's index reads what was written since it last looked, once (one statement
                // more, whatever was written): measure a search, not that catching up
                app.client().get("/search?q=catch+up");
            }
            // the session read afresh, as when it was not read a moment before (kept for content pages)
            app.forgetKeptSessions();
            TestClient.Response r = client.get(p.path());
            assertThat(r.status()).as(p.key()).isEqualTo(p.status());
            counts.put(p, Integer.parseInt(r.header("X-Sql-Statements").orElseThrow()));
        }
        return counts;
    }

    static void resolve(long item, String outcome) {
        ok(clients.get(Viewer.MODERATOR).submit("/about", "/mod/items/" + item + "/resolve",
                form("outcome", outcome, "note", "as it turned out", "source", "https://example.org", "early", "confirmed")));
    }

    private static final Pattern ANCHOR = Pattern.compile("#comment-(\\d+)$");

    static long commentId(TestClient.Response r) {
        assertThat(r.status()).as(r.uri()).isEqualTo(302);
        Matcher m = ANCHOR.matcher(r.location());
        assertThat(m.find()).as(r.location()).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** A form post that worked: the redirect of post/redirect/get. */
    static void ok(TestClient.Response r) {
        assertThat(r.status()).as("%s: %s", r.uri(), r.body().length() > 300 ? r.body().substring(0, 300) : r.body())
                .isIn(302, 303);
    }
}
