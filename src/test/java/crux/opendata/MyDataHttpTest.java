package crux.opendata;

import static crux.db.generated.Tables.COMMENT;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import crux.debate.PostTokens;
import crux.testing.TestApp;
import crux.testing.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** "Download my data" on /settings. */
class MyDataHttpTest {

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
    void theExportHoldsWhatTheMemberCreatedAndNoSecrets() throws Exception {
        TestClient me = app.member("exporter");
        TestClient other = app.member("otherone");
        me.submit("/items/" + app.claim(3), "/items/" + app.claim(3) + "/stance", form("stance", "agree"));
        me.submit("/items/" + app.prediction(2), "/items/" + app.prediction(2) + "/forecast", form("probability", "40", "rationale", "my reason"));
        me.submit("/items/" + app.claim(5), "/items/" + app.claim(5) + "/follow", form());
        me.submit("/about", "/items/" + app.claim(3) + "/arguments", form("side", "supports", "body", "My own argument, later hidden.",
                "token", PostTokens.next()));
        other.submit("/about", "/items/" + app.claim(3) + "/arguments", form("side", "opposes", "body", "Someone else's argument.",
                "token", PostTokens.next()));
        long othersArgument = app.dsl().select(COMMENT.ID).from(COMMENT)
                .where(COMMENT.AUTHOR_ID.eq(app.memberNamed("otherone").id())).fetchOne().value1();
        assertThat(me.submit("/about", "/comments/" + othersArgument + "/flag", form("reason", "off-topic", "note", ""))
                .status()).isIn(302, 303);
        app.dsl().update(COMMENT).set(COMMENT.MODERATION_STATE, "hidden")
                .where(COMMENT.AUTHOR_ID.eq(app.memberNamed("exporter").id())).execute();

        assertThat(me.get("/settings").html().select("a[href=/settings/export.json]").text()).isEqualTo("Download my data");
        TestClient.Response r = me.get("/settings/export.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Disposition")).get().asString().startsWith("attachment");
        JsonNode j = new ObjectMapper().readTree(r.body());
        assertThat(j.get("profile").get("name").asText()).isEqualTo("exporter");
        assertThat(j.get("stances")).hasSize(1);
        assertThat(j.get("forecasts").get(0).get("rationale").asText()).isEqualTo("my reason");
        assertThat(j.get("follows")).hasSize(1);
        assertThat(j.get("comments")).hasSize(1);
        assertThat(j.get("comments").get(0).get("moderation_state").asText()).isEqualTo("hidden");
        assertThat(j.get("sessions").size()).isGreaterThanOrEqualTo(1);
        assertThat(j.get("flags")).hasSize(1);
        assertThat(j.get("flags").get(0).get("reason").asText()).isEqualTo("off-topic");
        String body = r.body().toLowerCase();
        assertThat(body).doesNotContain("password").doesNotContain("token").doesNotContain("$argon2")
                .doesNotContain("someone else's");

        assertThat(app.client().get("/settings/export.json").status()).as("signed out").isIn(302, 303, 403);
    }
}
