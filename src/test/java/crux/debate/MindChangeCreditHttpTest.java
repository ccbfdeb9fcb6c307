package crux.debate;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.FORECAST;
import static crux.db.generated.Tables.ITEM_STANCE;
import static crux.db.generated.Tables.MIND_CHANGE;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestApp;
import crux.testing.TestClient;
import org.jooq.impl.DSL;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** "Changed my mind" from the stance and forecast forms. */
class MindChangeCreditHttpTest {

    static long claim;
    static long otherClaim;
    static long prediction;

    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        claim = app.claim(3);
        otherClaim = app.claim(4);
        prediction = app.prediction(3);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static String flash(TestClient c, String page) {
        return c.get(page).html().select(".flash, .status-line, [role=status]").text();
    }

    @Test
    void aStanceChangeCreditsTheChosenArgumentAndTheFormOffersIt() {
        TestClient author = app.member("credauthor");
        TestClient reader = app.member("credreader");
        long arg = Debates.argueId(author, claim, "opposes", "The evidence for this claim is thin.");
        String page = "/items/" + claim;
        // no stance yet: nothing to change, so no credit select
        assertThat(reader.get(page).html().select("#stance select[name=credit]")).isEmpty();
        assertThat(reader.submit(page, page + "/stance", form("stance", "agree")).status()).isEqualTo(303);
        Document withStance = reader.get(page).html();
        assertThat(withStance.select("#stance select[name=credit] option[value=" + arg + "]")).hasSize(1);
        assertThat(withStance.select("#stance label[for=stance-credit-" + claim + "]").text())
                .isEqualTo("Did an argument change your mind?");

        TestClient.Response r = reader.submit(page, page + "/stance",
                form("stance", "disagree", "credit", Long.toString(arg)));
        assertThat(r.status()).isEqualTo(303);
        assertThat(app.dsl().fetchCount(MIND_CHANGE, MIND_CHANGE.COMMENT_ID.eq(arg))).isEqualTo(1);
        var row = app.dsl().selectFrom(MIND_CHANGE).where(MIND_CHANGE.COMMENT_ID.eq(arg)).fetchOne();
        assertThat(row.getKind()).isEqualTo("stance");
        assertThat(row.getFromValue()).isEqualTo("agree");
        assertThat(row.getToValue()).isEqualTo("disagree");
        assertThat(app.dsl().select(COMMENT.MEMBERS_MOVED).from(COMMENT).where(COMMENT.ID.eq(arg)).fetchOne().value1())
                .isEqualTo(1);

        // the same stance again changes nothing and credits nothing
        reader.submit(page, page + "/stance", form("stance", "disagree", "credit", Long.toString(arg)));
        assertThat(app.dsl().fetchCount(MIND_CHANGE, MIND_CHANGE.COMMENT_ID.eq(arg))).isEqualTo(1);
    }

    @Test
    void refusedCreditsStillSaveTheChange() {
        TestClient me = app.member("credself");
        TestClient other = app.member("credother");
        long mine = Debates.argueId(me, claim, "supports", "My own argument, which I may not credit.");
        long elsewhere = Debates.argueId(other, otherClaim, "supports", "An argument about another item entirely.");
        String page = "/items/" + claim;
        me.submit(page, page + "/stance", form("stance", "agree"));
        TestClient.Response own = me.submit(page, page + "/stance", form("stance", "unsure", "credit", Long.toString(mine)));
        assertThat(own.status()).isEqualTo(303);
        assertThat(flash(me, page)).contains("you cannot credit your own argument");
        TestClient.Response wrong = me.submit(page, page + "/stance",
                form("stance", "disagree", "credit", Long.toString(elsewhere)));
        assertThat(wrong.status()).isEqualTo(303);
        assertThat(flash(me, page)).contains("that argument is about another item");
        long meId = app.memberNamed("credself").id();
        assertThat(app.dsl().select(ITEM_STANCE.STANCE).from(ITEM_STANCE)
                .where(ITEM_STANCE.MEMBER_ID.eq(meId)).and(ITEM_STANCE.ITEM_ID.eq(claim)).fetchOne().value1())
                .isEqualTo("disagree");
        assertThat(app.dsl().fetchCount(MIND_CHANGE, MIND_CHANGE.MEMBER_ID.eq(meId))).isZero();
    }

    @Test
    void aForecastMoveCreditsTheArgumentWithItsPoints() {
        TestClient author = app.member("fcauthor");
        TestClient forecaster = app.member("fcmover");
        long arg = Debates.argueId(author, prediction, "supports", "Demand is recovering faster than expected.");
        String page = "/items/" + prediction;
        // a first forecast is not a move: a chosen credit is not stored
        forecaster.submit(page, page + "/forecast", form("probability", "30", "rationale", "", "credit", Long.toString(arg)));
        assertThat(app.dsl().fetchCount(MIND_CHANGE, MIND_CHANGE.COMMENT_ID.eq(arg))).isZero();
        assertThat(forecaster.get(page).html().select("#forecast select[name=credit] option[value=" + arg + "]")).hasSize(1);
        TestClient.Response r = forecaster.submit(page, page + "/forecast",
                form("probability", "55", "rationale", "", "credit", Long.toString(arg)));
        assertThat(r.status()).isEqualTo(303);
        var row = app.dsl().selectFrom(MIND_CHANGE).where(MIND_CHANGE.COMMENT_ID.eq(arg)).fetchOne();
        assertThat(row.getKind()).isEqualTo("forecast");
        assertThat(row.getPoints()).isEqualTo(25);
        long latest = app.dsl().select(DSL.max(FORECAST.ID)).from(FORECAST)
                .where(FORECAST.MEMBER_ID.eq(app.memberNamed("fcmover").id())).fetchOne().value1();
        assertThat(row.getChangeKey()).isEqualTo("forecast:" + latest);
        assertThat(app.dsl().select(COMMENT.FORECAST_MOVEMENT).from(COMMENT).where(COMMENT.ID.eq(arg)).fetchOne().value1())
                .isEqualTo(25);
        // the same probability again is no move
        forecaster.submit(page, page + "/forecast", form("probability", "55", "rationale", "", "credit", Long.toString(arg)));
        assertThat(app.dsl().fetchCount(MIND_CHANGE, MIND_CHANGE.COMMENT_ID.eq(arg))).isEqualTo(1);
    }
}
