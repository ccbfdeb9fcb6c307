package crux.moderation;

import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.ITEM_REVISION;
import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_SESSION;
import static crux.db.generated.Tables.MODERATION_LOG;
import static crux.db.generated.Tables.NOTIFICATION;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import crux.accounts.SessionRepository;
import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Moderators edit, add and retire items and suspend, ban and reinstate members; everything is logged. */
class ItemAndMemberModerationHttpTest {

    static TestApp app;
    static TestClient mod;
    static TestClient admin;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        mod = app.member("modmona", "moderator");
        admin = app.member("adminada", "admin");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String statement(long id) {
        return app.dsl().select(ITEM.STATEMENT).from(ITEM).where(ITEM.ID.eq(id)).fetchOne().value1();
    }

    /**
     * What acting on a member writes: their row (suspension, ban), the log, the notice, and which sessions exist (a ban
     * ends the member's). Sessions by id only: a moderator's own session may have its last-seen time touched meanwhile.
     */
    private static Map<String, List<String>> memberActions() {
        Map<String, List<String>> rows = app.snapshot(MEMBER, MODERATION_LOG, NOTIFICATION);
        rows.put("sessions", app.dsl().select(MEMBER_SESSION.ID, MEMBER_SESSION.MEMBER_ID).from(MEMBER_SESSION)
                .orderBy(MEMBER_SESSION.ID).fetch().map(r -> r.intoList().toString()));
        return rows;
    }

    @Test
    void aModeratorEditsAStatementAndTheOldWordingIsKept() {
        String before = statement(app.claim(3));
        int logs = app.count(MODERATION_LOG);
        TestClient.Response r = mod.submit("/items/" + app.claim(3), "/mod/items/" + app.claim(3) + "/edit",
                form("previous", before, "statement", "Reworded neutral statement.", "reason", "clearer wording"));
        assertThat(r.status()).isEqualTo(302);
        assertThat(statement(app.claim(3))).isEqualTo("Reworded neutral statement.");
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
        var page = mod.get("/items/" + app.claim(3)).html();
        assertThat(page.select("h1").text()).isEqualTo("Reworded neutral statement.");
        assertThat(page.select(".history q").eachText()).contains(before);

        assertThat(revisionCount(app.claim(3))).as("the edit counted on the item's row").isEqualTo(1);

        // a stale edit (another moderator changed it meanwhile) is a conflict and changes nothing
        int revisions = app.count(ITEM_REVISION);
        TestClient.Response stale = mod.submit("/items/" + app.claim(3), "/mod/items/" + app.claim(3) + "/edit",
                form("previous", before, "statement", "Something else", "reason", "late"));
        assertRefused(stale, 409, "Someone changed this statement while you were editing it. Reload the item to see the current version.");
        assertThat(statement(app.claim(3))).isEqualTo("Reworded neutral statement.");
        assertThat(app.count(ITEM_REVISION)).isEqualTo(revisions);
        assertThat(revisionCount(app.claim(3))).isEqualTo(1);
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
    }

    private static int revisionCount(long id) {
        return app.dsl().select(ITEM.REVISION_COUNT).from(ITEM).where(ITEM.ID.eq(id)).fetchOne().value1();
    }

    /**
     * The earlier wordings are read only for an item that has some (a never-edited item's page reads no history), and
     * every one shows, also after the wording went back to the first: everyone's page, not only the moderator's.
     */
    @Test
    void everyEarlierWordingShowsToEveryoneAndOnlyAnEditedItemReadsThem() {
        long item = app.claim(7);
        String first = statement(item);
        TestClient reader = app.member("wordingreader");
        int unedited = app.warmStatements(reader, "/items/" + item);
        assertThat(reader.get("/items/" + item).html().select(".history q")).isEmpty();

        assertThat(mod.submit("/items/" + item, "/mod/items/" + item + "/edit", form("previous", first,
                "statement", "A second wording.", "reason", "clearer")).status()).isEqualTo(302);
        assertThat(mod.submit("/items/" + item, "/mod/items/" + item + "/edit", form("previous", "A second wording.",
                "statement", first, "reason", "back to the first")).status()).isEqualTo(302);

        assertThat(app.warmStatements(reader, "/items/" + item)).as("the history, read now that there is one").isEqualTo(unedited + 1);
        for (TestClient viewer : List.of(reader, app.client(), mod)) {
            assertThat(viewer.get("/items/" + item).html().select(".history q").eachText())
                    .containsExactly("A second wording.", first);
        }
    }

    @Test
    void editsNeedAReasonAndAModerator() {
        String before = statement(app.prediction(1));
        int logs = app.count(MODERATION_LOG);
        assertRefused(mod.submit("/items/" + app.prediction(1), "/mod/items/" + app.prediction(1) + "/edit",
                form("previous", before, "statement", "New", "reason", "  ")), 422, "Please give a reason: it is shown in the public log and to the member affected.");
        TestClient member = app.member("plainpat");
        assertRefused(member.submit("/items/" + app.prediction(1), "/mod/items/" + app.prediction(1) + "/edit",
                form("previous", before, "statement", "New", "reason", "because")), 403, "This page is for moderators.");
        assertRefused(app.client().post("/mod/items/" + app.prediction(1) + "/edit", form("previous", before, "statement", "x", "reason", "y"))
                , 403, "This form has expired or did not come from Crux. Please reload the page and try again.");
        assertThat(statement(app.prediction(1))).isEqualTo(before);
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs);
    }

    @Test
    void retiringRemovesTheItemFromTheArticleOnce() {
        int logs = app.count(MODERATION_LOG);
        assertThat(app.client().get(Seeded.ARTICLE).html().select("a.passage[href=/items/" + app.recommendation(4) + "]")).isNotEmpty();
        assertThat(mod.submit("/items/" + app.recommendation(4), "/mod/items/" + app.recommendation(4) + "/retire", form("reason", "duplicate of another item"))
                .status()).isEqualTo(302);
        assertThat(app.client().get(Seeded.ARTICLE).html().select("a.passage[href=/items/" + app.recommendation(4) + "]")).isEmpty();
        var page = app.client().get("/items/" + app.recommendation(4));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html().select(".notice").text()).contains("retired").contains("duplicate of another item");
        assertRefused(mod.submit("/items/" + app.recommendation(3), "/mod/items/" + app.recommendation(4) + "/retire", form("reason", "again")), 409, "This item has already been retired.");
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 1);
    }

    @Test
    void aModeratorAddsAnItemFromAnExactPassage() {
        int items = app.count(ITEM);
        String quote = "Maintaining awareness of global technological shifts";
        TestClient.Response bad = mod.submit("/mod/items/new", "/mod/items", form("quote", "words not in the article",
                "kind", "claim", "statement", "x", "assertedBy", "The article's author", "reason", "r"));
        assertRefused(bad, 422, "These exact words are not in the article. Copy them from the text, character for character.");
        assertThat(bad.html().select("#quote-error").text()).contains("not in the article");
        assertThat(app.count(ITEM)).isEqualTo(items);

        TestClient.Response ok = mod.submit("/mod/items/new", "/mod/items", form("quote", quote, "occurrence", "1",
                "kind", "recommendation", "statement", "Investors should track global technology shifts.",
                "assertedBy", "The article's author", "reason", "missing recommendation"));
        assertThat(ok.status()).isEqualTo(302);
        assertThat(app.count(ITEM)).isEqualTo(items + 1);
        var item = app.client().get(ok.location()).html();
        assertThat(item.select("blockquote.context mark").text()).isEqualTo(quote);
        assertThat(app.client().get(Seeded.ARTICLE).html().select("a.passage[href=" + ok.location() + "]").text()).isEqualTo(quote);

        // predictions need criteria, a future date and an implied probability
        TestClient.Response prediction = mod.submit("/mod/items/new", "/mod/items", form("quote",
                "the evolving AI landscape poses both challenges", "kind", "prediction", "statement", "s",
                "assertedBy", "The article's author", "resolveBy", LocalDate.now().minusDays(1).toString(),
                "implied", "150", "reason", "r"));
        assertRefused(prediction, 422, "Say what would make this prediction resolve YES (up to 2000 characters). | The resolve-by date must be in the future. | Give the probability the article implies, 1 to 99. | Quote the words that imply it (e.g. \u201che anticipates\u201d).");
        assertThat(prediction.html().select(".field-error").eachText()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(app.count(ITEM)).isEqualTo(items + 1);
    }

    @Test
    void suspendBanAndReinstateAreLoggedAndToldToTheMember() {
        TestClient victim = app.member("troubletom");
        TestClient victimPhone = app.client();
        var tom = app.memberNamed("troubletom");
        victimPhone.setCookie(SessionRepository.COOKIE,
                app.app().services().sessions().create(tom, false, "phone", "127.0.0.2").token());
        int logs = app.count(MODERATION_LOG);
        int notices = app.count(NOTIFICATION);

        String until = LocalDate.now().plusDays(3).toString();
        assertThat(mod.submit("/users/troubletom", "/mod/members/troubletom/suspend",
                form("until", until, "reason", "cool off")).status()).isEqualTo(302);
        assertThat(app.client().get("/users/troubletom").html().select(".notice").text()).contains("Suspended until");
        var suspended = memberActions();
        assertRefused(mod.submit("/users/troubletom", "/mod/members/troubletom/suspend",
                form("until", "2001-01-01", "reason", "past")), 422, "A suspension ends between tomorrow and 365 days from now; longer is a ban.");
        assertThat(memberActions()).as("the suspension until %s stands", until).isEqualTo(suspended);

        assertThat(mod.submit("/users/troubletom", "/mod/members/troubletom/ban", form("reason", "spam")).status())
                .isEqualTo(302);
        assertThat(app.dsl().fetchCount(MEMBER_SESSION, MEMBER_SESSION.MEMBER_ID.eq(tom.id()))).isZero();
        assertThat(victim.get("/settings").status()).isEqualTo(302);
        assertThat(victimPhone.get("/settings").status()).isEqualTo(302);
        var banned = memberActions();
        assertRefused(mod.submit("/users/troubletom", "/mod/members/troubletom/ban", form("reason", "again")), 409, "troubletom is already banned.");
        assertThat(memberActions()).isEqualTo(banned);

        assertThat(mod.submit("/users/troubletom", "/mod/members/troubletom/reinstate", form("reason", "appeal"))
                .status()).isEqualTo(302);
        assertThat(app.count(MODERATION_LOG)).isEqualTo(logs + 3);
        assertThat(app.dsl().fetchCount(NOTIFICATION, NOTIFICATION.MEMBER_ID.eq(tom.id()))).isEqualTo(3);
        assertThat(app.dsl().select(NOTIFICATION.REASON).from(NOTIFICATION).where(NOTIFICATION.MEMBER_ID.eq(tom.id()))
                .fetch(NOTIFICATION.REASON)).containsExactlyInAnyOrder("cool off", "spam", "appeal");
        assertThat(notices).isLessThan(app.count(NOTIFICATION));
    }

    @Test
    void nobodyModeratesThemselvesAnAdminOrWithoutTheRole() {
        TestClient member = app.member("nosypete");
        app.member("quietquinn");
        var before = memberActions();
        assertRefused(mod.submit("/users/modmona", "/mod/members/modmona/ban", form("reason", "me")), 403, "You cannot moderate your own account.");
        assertRefused(mod.submit("/users/adminada", "/mod/members/adminada/ban", form("reason", "coup")), 403, "Only an admin can act on a moderator, and admins only from the command line.");
        assertRefused(member.submit("/users/quietquinn", "/mod/members/quietquinn/ban", form("reason", "x")), 403, "This page is for moderators.");
        assertRefused(mod.submit("/users/modmona", "/mod/members/nobody-here/ban", form("reason", "x")), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertThat(memberActions()).as("no ban, no log row, no notice, no session ended").isEqualTo(before);
    }

    @Test
    void thePublicLogListsActionsNewestFirstAndFilters() {
        mod.submit("/items/" + app.claim(4), "/mod/items/" + app.claim(4) + "/retire", form("reason", "log test"));
        TestClient anon = app.client();
        var page = anon.get("/mod/log");
        assertThat(page.status()).isEqualTo(200);
        var rows = page.html().select(".log-table tbody tr");
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).text()).contains("modmona").contains("retire item").contains("log test");
        assertThat(rows.get(0).select("a[href=/items/" + app.claim(4) + "]")).isNotEmpty();
        var filtered = anon.get("/mod/log?action=role:moderator").html().select(".log-table tbody tr");
        assertThat(filtered).isNotEmpty().allSatisfy(tr -> assertThat(tr.text()).contains("role:moderator"));
        assertThat(anon.get("/mod/log?moderator=nobody").html().select(".empty-state")).isNotEmpty();
        assertThat(anon.get("/mod/log?page=abc").status()).isEqualTo(200);
        // the filter lists, kept with each log row, are exactly what the whole log holds
        var filters = page.html();
        assertThat(filters.select("#filter-action option").eachAttr("value").subList(1, filters.select("#filter-action option").size()))
                .isNotEmpty()
                .isEqualTo(app.dsl().fetchValues("SELECT DISTINCT action FROM moderation_log ORDER BY action")
                        .stream().map(Object::toString).toList());
        assertThat(filters.select("#filter-moderator option").eachAttr("value").subList(1, filters.select("#filter-moderator option").size()))
                .contains("modmona")
                .isEqualTo(app.dsl().fetchValues("SELECT DISTINCT m.name FROM moderation_log l JOIN member m ON m.id = l.moderator_id "
                        + "WHERE m.deleted_at IS NULL ORDER BY m.name").stream().map(Object::toString).toList());
    }
}
