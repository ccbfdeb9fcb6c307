package crux.notifications;

import static crux.db.generated.Tables.ITEM_FOLLOW;
import static crux.db.generated.Tables.NOTIFICATION;
import static crux.testing.TestClient.form;
import static crux.testing.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import crux.core.Target;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.web.Paths;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FollowsHttpTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void followUnfollowShownOnTheItemAndTheProfile() {
        TestClient fay = app.member("followfay");
        assertThat(fay.get("/items/" + app.claim(5)).html().select("#follow button").text()).isEqualTo("Follow this item");
        assertThat(fay.submit("/items/" + app.claim(5), "/items/" + app.claim(5) + "/follow", form()).status()).isEqualTo(302);
        assertThat(fay.submit("/items/" + app.claim(5), "/items/" + app.claim(5) + "/follow", form()).status()).as("twice is once").isEqualTo(302);
        assertThat(app.dsl().fetchCount(ITEM_FOLLOW, ITEM_FOLLOW.ITEM_ID.eq(app.claim(5)))).isEqualTo(1);
        assertThat(fay.get("/items/" + app.claim(5)).html().select("#follow .following").text()).isEqualTo("Following");
        assertThat(fay.get("/users/followfay").html().select("section[aria-labelledby=following-title] a[href=/items/" + app.claim(5) + "]"))
                .hasSize(1);
        // others don't see whom you follow
        assertThat(app.client().get("/users/followfay").html().select("#following-title")).isEmpty();
        assertThat(fay.submit("/items/" + app.claim(5), "/items/" + app.claim(5) + "/unfollow", form()).status()).isEqualTo(302);
        assertThat(app.dsl().fetchCount(ITEM_FOLLOW, ITEM_FOLLOW.ITEM_ID.eq(app.claim(5)))).isZero();
    }

    @Test
    void refusals() {
        int before = app.count(ITEM_FOLLOW);
        assertRefused(app.client().post("/items/" + app.claim(6) + "/follow", form()), 403, "This form has expired or did not come from Crux. Please reload the page and try again.");
        TestClient gil = app.member("followgil");
        assertRefused(gil.submit("/items/" + app.claim(6), "/items/999999/follow", form()), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertRefused(gil.submit("/items/" + app.claim(6), "/items/abc/follow", form()), 404, "There is nothing at this address. It may have been mistyped, or the thing it pointed to no longer exists.");
        assertRefused(gil.post("/items/" + app.claim(6) + "/follow", form()), 403, "This form has expired or did not come from Crux. Please reload the page and try again.");
        assertThat(app.count(ITEM_FOLLOW)).isEqualTo(before);
    }

    @Test
    void followersAreToldExceptWhoeverActed() {
        TestClient a = app.member("followann");
        TestClient b = app.member("followbob");
        a.submit("/items/" + app.claim(7), "/items/" + app.claim(7) + "/follow", form());
        b.submit("/items/" + app.claim(7), "/items/" + app.claim(7) + "/follow", form());
        long ann = app.memberNamed("followann").id();
        long bob = app.memberNamed("followbob").id();
        FollowRepository follows = new FollowRepository(app.app().database(), Clock.systemUTC(), Paths.INSTANCE);
        int told = app.app().database().transaction(tx ->
                follows.notifyFollowers(tx.dsl(), app.claim(7), ann, "A new argument on an item you follow",
                        Target.item(app.claim(7))));
        assertThat(told).isEqualTo(1);
        assertThat(app.dsl().fetchCount(NOTIFICATION, NOTIFICATION.MEMBER_ID.eq(bob))).isEqualTo(1);
        assertThat(app.dsl().fetchCount(NOTIFICATION, NOTIFICATION.MEMBER_ID.eq(ann))).isZero();
    }
}
