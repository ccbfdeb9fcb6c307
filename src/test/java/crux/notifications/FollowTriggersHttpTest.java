package crux.notifications;

import static crux.db.generated.Tables.NOTIFICATION;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.debate.PostTokens;
import crux.testing.TestApp;
import crux.testing.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What followers of an item hear about: new top-level arguments, big forecast moves, resolution. */
class FollowTriggersHttpTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static int follows(String name) {
        long id = app.memberNamed(name).id();
        return app.dsl().fetchCount(NOTIFICATION, NOTIFICATION.MEMBER_ID.eq(id).and(NOTIFICATION.KIND.eq("follow")));
    }

    static TestClient.Response argue(TestClient c, long item, String body) {
        return c.submit("/about", "/items/" + item + "/arguments",
                form("side", "supports", "body", body, "token", PostTokens.next()));
    }

    @Test
    void aTopLevelArgumentTellsFollowersButNotItsAuthorAndRepliesDoNot() {
        TestClient fan = app.member("argfan");
        TestClient poster = app.member("argposter");
        fan.submit("/items/" + app.claim(5), "/items/" + app.claim(5) + "/follow", form());
        poster.submit("/items/" + app.claim(5), "/items/" + app.claim(5) + "/follow", form());
        TestClient.Response r = argue(poster, app.claim(5), "A new argument that followers should hear about.");
        assertThat(r.status()).isEqualTo(302);
        assertThat(follows("argfan")).isEqualTo(1);
        assertThat(follows("argposter")).as("not told of their own argument").isZero();
        String summary = app.dsl().select(NOTIFICATION.SUMMARY).from(NOTIFICATION)
                .where(NOTIFICATION.MEMBER_ID.eq(app.memberNamed("argfan").id())).fetchOne().value1();
        assertThat(summary).contains("argposter").contains("new argument");
        long comment = Long.parseLong(r.location().replaceAll(".*#comment-", ""));
        poster.submit("/about", "/comments/" + comment + "/replies", form("body", "A reply is not a new argument.",
                "token", PostTokens.next()));
        assertThat(follows("argfan")).as("a reply does not notify followers").isEqualTo(1);
    }

    @Test
    void aMoveOfTenPointsTellsFollowersAndNineDoesNot() {
        long item = app.prediction(2);
        String page = "/items/" + item;
        TestClient watcher = app.member("movewatcher");
        TestClient mover = app.member("movemover");
        watcher.submit(page, page + "/follow", form());
        mover.submit(page, page + "/follow", form());
        mover.submit(page, page + "/forecast", form("probability", "30", "rationale", ""));
        assertThat(follows("movewatcher")).as("a first community forecast is not a move").isZero();
        mover.submit(page, page + "/forecast", form("probability", "39", "rationale", ""));
        assertThat(follows("movewatcher")).as("9 points").isZero();
        mover.submit(page, page + "/forecast", form("probability", "49", "rationale", ""));
        assertThat(follows("movewatcher")).as("10 points").isEqualTo(1);
        assertThat(follows("movemover")).as("not told of their own move").isZero();
    }

    @Test
    void resolutionTellsFollowersOnceEvenWhenTheyForecast() {
        long item = app.prediction(4);
        String page = "/items/" + item;
        TestClient follower = app.member("resfollower");
        TestClient both = app.member("resboth");
        TestClient mod = app.member("resmod", "moderator");
        follower.submit(page, page + "/follow", form());
        both.submit(page, page + "/follow", form());
        both.submit(page, page + "/forecast", form("probability", "70", "rationale", ""));
        TestClient.Response r = mod.submit(page, "/mod/items/" + item + "/resolve",
                form("outcome", "yes", "note", "It happened.", "source", "https://example.org/news", "early", "confirmed"));
        assertThat(r.status()).isLessThan(400);
        assertThat(follows("resfollower")).isEqualTo(1);
        long bothId = app.memberNamed("resboth").id();
        assertThat(follows("resboth")).as("a forecaster hears once, as a forecaster").isZero();
        assertThat(app.dsl().fetchCount(NOTIFICATION, NOTIFICATION.MEMBER_ID.eq(bothId))).isEqualTo(1);
    }
}
