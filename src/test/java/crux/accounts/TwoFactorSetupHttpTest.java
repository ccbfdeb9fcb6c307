package crux.accounts;

import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestApp;
import crux.testing.TestClient;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The key shown while setting up two-factor sign-in stays the same until the setup completes or is cancelled. */
class TwoFactorSetupHttpTest {

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static String secretOn(Document page) {
        return page.select("code.secret").text().replace(" ", "");
    }

    @Test
    void viewingTheSetupPageAgainKeepsTheKeyAndItsFirstCodeStillEnrols() {
        TestClient m = app.member("Setup-reload");
        String first = secretOn(m.get("/settings/two-factor").html());
        assertThat(first).matches("[A-Z2-7]{32}");
        var before = app.snapshot();
        for (int i = 0; i < 3; i++) {
            assertThat(secretOn(m.get("/settings/two-factor").html())).isEqualTo(first);
        }
        assertThat(app.snapshot()).as("a second view writes nothing").isEqualTo(before);

        TestClient.Response ok = m.submit("/settings", "/settings/two-factor",
                form("code", app.services().twoFactor().currentCode(first)));
        assertThat(ok.status()).as("the recovery codes, shown once").isEqualTo(200);
        assertThat(ok.html().select("ol.recovery-codes li")).hasSize(10);
        assertThat(app.memberNamed("Setup-reload").totpEnrolled()).isTrue();
    }

    @Test
    void cancellingDropsTheKeyAndTheNextSetupShowsANewOne() {
        TestClient m = app.member("Setup-cancel");
        String first = secretOn(m.get("/settings/two-factor").html());
        assertThat(m.get("/settings/two-factor").html().select("form[action=/settings/two-factor/cancel] button").text())
                .isEqualTo("Cancel setup");

        TestClient.Response cancelled = m.submit("/settings/two-factor", "/settings/two-factor/cancel", form());
        assertThat(cancelled.status()).isEqualTo(302);
        assertThat(cancelled.location()).isEqualTo("/settings");
        assertThat(m.get("/settings").html().select(".flash").text()).contains("Two-factor setup cancelled");

        // a code from the cancelled key enrols nothing
        var before = app.snapshot(crux.db.generated.Tables.MEMBER);
        TestClient.Response late = m.submit("/settings", "/settings/two-factor",
                form("code", app.services().twoFactor().currentCode(first)));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.html().select("main").text()).contains("The setup has expired");
        assertThat(app.snapshot(crux.db.generated.Tables.MEMBER)).isEqualTo(before);
        assertThat(app.memberNamed("Setup-cancel").totpEnrolled()).isFalse();

        String second = secretOn(m.get("/settings/two-factor").html());
        assertThat(second).matches("[A-Z2-7]{32}").isNotEqualTo(first);
    }

    @Test
    void cancellingWithoutTheFormsTokenIsRefusedAndKeepsTheKey() {
        TestClient m = app.member("Setup-forged");
        String first = secretOn(m.get("/settings/two-factor").html());
        var before = app.snapshot();
        TestClient.Response forged = m.post("/settings/two-factor/cancel", form());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(app.snapshot()).isEqualTo(before);
        assertThat(secretOn(m.get("/settings/two-factor").html())).isEqualTo(first);
    }

    @Test
    void cancellingOnceEnrolledIsAConflictAndChangesNothing() {
        TestClient mod = app.member("Setup-enrolled", "moderator");
        var before = app.snapshot();
        TestClient.Response r = mod.submit("/settings", "/settings/two-factor/cancel", form());
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.html().select("main").text()).contains("already set up");
        assertThat(app.snapshot()).isEqualTo(before);
        assertThat(app.memberNamed("Setup-enrolled").totpEnrolled()).isTrue();
    }

    @Test
    void anonymousVisitorsCannotCancel() {
        TestClient anonymous = app.client();
        var before = app.snapshot();
        assertThat(anonymous.post("/settings/two-factor/cancel", form()).status()).isEqualTo(403);
        assertThat(app.snapshot()).isEqualTo(before);
    }
}
