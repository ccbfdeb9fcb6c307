package crux.web;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import crux.debate.PostTokens;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jooq.Field;
import org.jooq.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one text rule, end to end: every text field a member or a moderator fills in is sent every class of code point,
 * nothing stored keeps a control, noncharacter or direction override, and every output (pages, Atom, JSON, CSV) still
 * answers, with feeds that a strict XML parser reads, even for text stored before the rule (written straight to the
 * database here).
 */
class TextHygieneHttpTest {

    /** One of every class: C0 (NUL, SOH, ESC), CR LF, tab, DEL, C1, noncharacters in planes 0, 1 and 16, bidi
     * overrides, a zero-width joiner, a private-use character, an emoji and the replacement character. */
    static final String EVERY_CLASS = "a\u0000b\u0001c\u001Bd\r\ne\tf\u007Fg\u0085h\u009Fi\uFDD0j\uFFFEk\uFFFFl"
            + new String(Character.toChars(0x1FFFF)) + "m" + new String(Character.toChars(0x10FFFF)) + "n\u202Eo\u2066p"
            + "\u200Dq\uE000r\uD83D\uDE00s\uFFFDt";

    /** For fields that are one line by design (a forecast's rationale): every class but line breaks and tabs. */
    static final String ONE_LINE = EVERY_CLASS.replace("\r\n", "").replace("\t", "");

    static TestApp app;
    static TestClient member;
    static TestClient moderator;
    static long prediction;
    static long claim;
    static long argument;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        member = app.member("hygiene-member");
        moderator = app.member("hygiene-moderator", "admin");
        prediction = app.dsl().select(ITEM.ID).from(ITEM).where(ITEM.KIND.eq("prediction")).orderBy(ITEM.ID)
                .limit(1).fetchOne().value1();
        claim = app.dsl().select(ITEM.ID).from(ITEM).where(ITEM.KIND.eq("claim")).orderBy(ITEM.ID)
                .limit(1).fetchOne().value1();
        app.member("hygiene-target");
        sendEveryFieldEveryClass();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** The form was accepted: a redirect (303 where htmx may be asking), not a 422 or worse. */
    private static void accepted(TestClient.Response r, String what) {
        assertThat(r.status()).as("%s: %s", what, r.html().select("main").text()).isIn(302, 303);
    }

    static void sendEveryFieldEveryClass() {
        String text = "Argument " + EVERY_CLASS;
        TestClient.Response posted = member.submit("/about", "/items/" + claim + "/arguments",
                form("side", "supports", "body", text, "token", PostTokens.next()));
        accepted(posted, "argument");
        argument = Long.parseLong(posted.location().replaceAll(".*#comment-", ""));
        accepted(member.submit("/about", "/comments/" + argument + "/replies",
                form("body", "Reply " + EVERY_CLASS, "token", PostTokens.next())), "reply");
        accepted(member.submit("/about", "/comments/" + argument + "/edit",
                form("body", "Edited " + EVERY_CLASS, "reason", "Reason " + EVERY_CLASS)), "edit");
        accepted(member.submit("/about", "/items/" + prediction + "/forecast",
                form("probability", "40", "rationale", "Rationale " + ONE_LINE)), "forecast");
        accepted(moderator.submit("/about", "/comments/" + argument + "/flag",
                form("reason", "other", "note", "Note " + EVERY_CLASS)), "flag");
        String statement = app.dsl().select(ITEM.STATEMENT).from(ITEM).where(ITEM.ID.eq(claim)).fetchOne().value1();
        accepted(moderator.submit("/about", "/mod/items/" + claim + "/edit", form("previous", statement,
                "statement", "Statement " + EVERY_CLASS, "reason", "Why " + EVERY_CLASS)), "item edit");
        accepted(moderator.submit("/about", "/mod/items/" + prediction + "/implied",
                form("implied", "30", "wording", "Wording " + EVERY_CLASS, "reason", "Implied " + EVERY_CLASS)),
                "implied");
        accepted(moderator.submit("/about", "/mod/items/" + prediction + "/resolve", form("outcome", "yes",
                "note", "Resolved " + EVERY_CLASS, "source", "https://example.org/outcome", "early", "confirmed")), "resolution");
        accepted(moderator.submit("/about", "/admin/roles",
                form("name", "hygiene-target", "role", "moderator", "reason", "Role " + EVERY_CLASS)), "role");
        accepted(moderator.submit("/about", "/mod/members/hygiene-target/suspend",
                form("until", LocalDate.now().plusDays(3).toString(), "reason", "Suspended " + EVERY_CLASS)),
                "suspension");
    }

    @Test
    void nothingStoredFromAFormKeepsACharacterTheRuleRemoves() {
        List<String> found = new ArrayList<>();
        for (Table<?> table : crux.db.generated.DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            for (Field<?> field : table.fields()) {
                if (field.getType() != String.class) {
                    continue;
                }
                for (Object value : app.dsl().select(field).from(table).fetch(0)) {
                    if (value != null && !crux.core.TextHygiene.clean((String) value).equals(value)) {
                        found.add(table.getName() + "." + field.getName() + ": " + escaped((String) value));
                    }
                }
            }
        }
        assertThat(found).isEmpty();
        // what people typed around the removed characters is kept, in order
        String body = app.dsl().select(COMMENT.BODY_SOURCE).from(COMMENT).where(COMMENT.ID.eq(argument)).fetchOne()
                .value1();
        assertThat(body).isEqualTo("Edited abcd\ne\tfghijklmnop\u200Dq\uE000r\uD83D\uDE00s\uFFFDt");
    }

    @Test
    void everyOutputAnswersAndTheFeedsAreWellFormedXml() throws Exception {
        for (String feed : List.of("/feed.atom", "/items/" + claim + "/feed.atom", "/items/" + prediction + "/feed.atom")) {
            assertWellFormed(feed, member.get(feed));
        }
        assertOutputsAnswer(true);
    }

    @Test
    void textStoredBeforeTheRuleCannotBreakAFeedOrAnExport() throws Exception {
        // (no NUL or lone surrogate: PostgreSQL cannot store either, so no database can hold them)
        String legacy = "Legacy \u0001\uFFFF\uFFFE\u0008\u000B\u000C text";
        long author = app.memberNamed("hygiene-member").id();
        long id = app.dsl().nextval(crux.db.generated.Sequences.COMMENT_ID_SEQ);
        app.dsl().insertInto(COMMENT).set(COMMENT.ID, id).set(COMMENT.ITEM_ID, claim).set(COMMENT.AUTHOR_ID, author)
                .set(COMMENT.SIDE, "opposes").set(COMMENT.BODY_SOURCE, legacy).set(COMMENT.BODY_HTML, "<p>" + legacy + "</p>")
                .set(COMMENT.PATH, String.format("%010d", id)).set(COMMENT.DEPTH, 1)
                .set(COMMENT.POST_KEY, "legacy").set(COMMENT.CREATED_AT, OffsetDateTime.now()).execute();
        app.dsl().update(ITEM).set(ITEM.STATEMENT, "Statement " + legacy).where(ITEM.ID.eq(prediction)).execute();
        app.dsl().update(MEMBER).set(MEMBER.NAME, "legacy\u0001name").where(MEMBER.ID.eq(author)).execute();
        try {
            for (String feed : List.of("/feed.atom", "/items/" + claim + "/feed.atom",
                    "/items/" + prediction + "/feed.atom")) {
                String body = assertWellFormed(feed, member.get(feed));
                if (!feed.contains(Long.toString(prediction))) {
                    assertThat(body).as(feed).contains("Legacy  text");
                }
            }
            assertOutputsAnswer(false);
        } finally {
            app.dsl().update(MEMBER).set(MEMBER.NAME, "hygiene-member").where(MEMBER.ID.eq(author)).execute();
        }
    }

    /** @param storedThroughTheDoor no text was written around the forms: pages show no removed character either */
    private static void assertOutputsAnswer(boolean storedThroughTheDoor) throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String path : List.of("/items/" + claim + ".json", "/items/" + prediction + ".json",
                "/settings/export.json")) {
            TestClient.Response r = member.get(path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(json.readTree(r.body()).isObject()).as(path).isTrue();
        }
        TestClient.Response csv = member.get("/items/" + prediction + "/forecasts.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains("Rationale abcd");
        for (String page : List.of("/", Seeded.ARTICLE, "/items/" + claim, "/items/" + prediction, "/comments/" + argument,
                "/comments/" + argument + "/history", "/mod/log", "/users/hygiene-target", "/users/hygiene-member",
                "/leaderboard", "/inbox", "/settings")) {
            TestClient.Response r = member.get(page);
            assertThat(r.status()).as(page).isIn(200, 302);
            if (storedThroughTheDoor) {
                assertThat(r.body()).as(page).doesNotContain("\u0001").doesNotContain("\uFFFF");
            }
        }
        for (String page : List.of("/mod", "/admin")) {
            assertThat(moderator.get(page).status()).as(page).isEqualTo(200);
        }
    }

    /** Parses with the JDK's XML 1.0 parser, which refuses any character XML forbids. */
    private static String assertWellFormed(String path, TestClient.Response r) throws Exception {
        assertThat(r.status()).as(path).isEqualTo(200);
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        assertThat(f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes)).getDocumentElement().getLocalName())
                .as(path).isEqualTo("feed");
        return r.body();
    }

    private static String escaped(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> b.append(cp < 0x20 || cp >= 0x7F ? String.format("\\u{%X}", cp)
                : Character.toString(cp)));
        return b.toString();
    }
}
