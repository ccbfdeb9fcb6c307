package crux.debate;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestApp;
import crux.testing.TestClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * An item's page as seen without a session and with no sort, page or view chosen is rendered once per change and
 * shared by every such reader; anything that changes the item (an argument, a vote, a stance) drops it at once, and
 * readers who chose options, members and visitors with a message to see get their own rendering.
 */
class AnonymousItemCacheHttpTest {

    private static int statements(TestClient.Response r) {
        return Integer.parseInt(r.header("X-Sql-Statements").orElseThrow());
    }

    @Test
    void sharedUntilSomethingOnTheItemChanges() {
        try (TestApp app = TestApp.start()) {
            long claim = app.claim(2);
            String page = "/items/" + claim;
            TestClient anonymous = app.client();
            TestClient member = app.member("itemcachewriter");
            app.everyEventHeard();
            anonymous.get(page); // a cold first rendering can outlast the cache's maximum age on a busy machine
            TestClient.Response first = anonymous.get(page);
            assertThat(first.status()).isEqualTo(200);
            TestClient.Response cached = anonymous.get(page);
            assertThat(statements(cached)).as("served from memory").isZero();
            assertThat(cached.body()).isEqualTo(first.body());
            assertThat(cached.header("Cache-Control")).as("no private page is shared").isEmpty();

            // options chosen, or a session: rendered for that request, as before
            TestClient.Response sorted = anonymous.get(page + "?sort=new");
            assertThat(sorted.body()).as("not the shared page").isNotEqualTo(first.body());
            assertThat(sorted.html().select("h1").text()).isEqualTo(first.html().select("h1").text());
            assertThat(statements(member.get(page))).isPositive();

            String text = "A reason nobody has given yet: shipping costs " + System.nanoTime();
            Debates.argueId(member, claim, "supports", text);
            app.everyEventHeard();
            TestClient.Response after = anonymous.get(page);
            assertThat(after.body()).as("the new argument is on the shared page at once").contains(text);
            assertThat(statements(anonymous.get(page))).isZero();
        }
    }

    @Test
    void aMessageForOneVisitorIsNeverShared() {
        try (TestApp app = TestApp.start()) {
            String page = "/items/" + app.claim(1);
            TestClient visitor = app.client();
            visitor.get(page);
            visitor.setCookie("crux_flash", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString("only for you".getBytes(StandardCharsets.UTF_8)));
            assertThat(visitor.get(page).html().select("p.flash").text()).isEqualTo("only for you");
            assertThat(app.client().get(page).html().select("p.flash")).as("the next visitor's page").isEmpty();
        }
    }
}
