package crux.stances;

import static crux.db.generated.Tables.CAMP;
import static crux.db.generated.Tables.MEMBER_CAMP;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.article.ArticleRepository;
import crux.db.Database;
import crux.testing.MutableClock;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Camps computed by the background job (run now, as the schedule would), agreement per camp on item pages, and
 * the common-ground ranking — with synthetic members who split cleanly in two and share one item.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CampsHttpTest {

    /** What the two camps fight over, and the one item both accept. */
    static final long[] PRO = {1, 2, 3};
    static final long[] CONTRA = {5, 6, 7};
    static final long SHARED = 8;
    static final int PER_CAMP = 4;

    static TestApp app;
    static final List<TestClient> members = new ArrayList<>();

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static void vote(TestClient m, long item, String stance) {
        assertThat(m.submit("/items/" + item, "/items/" + item + "/stance", form("stance", stance)).status()).isEqualTo(303);
    }

    @Test
    @Order(1)
    void belowTheMinimumThePagesSaySoInsteadOfShowingNoise() {
        TestClient few = app.member("early");
        for (long item : new long[] {1, 2, 3, 5, 6}) {
            vote(few, item, "agree");
        }
        members.add(few);
        assertThat(app.app().camps().runNow()).isEmpty();
        assertThat(app.count(CAMP)).isZero();
        Document ground = app.client().get("/common-ground").html();
        assertThat(ground.select(".notice").text()).contains("at least " + Camps.MIN_MEMBERS + " members")
                .contains("at least " + Camps.MIN_VOTES + " items");
        assertThat(few.get("/items/1").html().select(".camps .hint").text()).contains("at least " + Camps.MIN_MEMBERS);
    }

    @Test
    @Order(2)
    void membersWhoVoteAlikeFormCampsDescribedByWhatTheyAgreeWith() {
        // the early member withdraws two stances: with fewer than MIN_VOTES they are left out of every camp
        vote(members.get(0), 5, "withdraw");
        vote(members.get(0), 6, "withdraw");
        for (int i = 0; i < PER_CAMP; i++) {
            TestClient pro = app.member("pro" + i);
            TestClient contra = app.member("contra" + i);
            for (long item : PRO) {
                vote(pro, item, "agree");
                vote(contra, item, "disagree");
            }
            for (long item : CONTRA) {
                vote(pro, item, "disagree");
                vote(contra, item, "agree");
            }
            vote(pro, SHARED, "agree");
            vote(contra, SHARED, i == 0 ? "unsure" : "agree");
            members.add(pro);
            members.add(contra);
        }
        Camps camps = app.app().camps().runNow().orElseThrow();
        assertThat(camps.k()).isEqualTo(2);
        assertThat(app.count(MEMBER_CAMP)).isEqualTo(2 * PER_CAMP);
        assertThat(camps.campOf()).doesNotContainKey(app.memberNamed("early").id());
        long proCamp = camps.campOf().get(app.memberNamed("pro0").id());
        assertThat(camps.campOf().get(app.memberNamed("pro3").id())).isEqualTo((int) proCamp);
        assertThat(camps.campOf().get(app.memberNamed("contra0").id())).isNotEqualTo((int) proCamp);

        // described by the items its majority agrees with
        String proDescription = app.dsl().select(CAMP.DESCRIPTION).from(CAMP).where(CAMP.ID.eq((int) proCamp)).fetchOne().value1();
        String statement1 = app.client().get("/items/1").html().select("h1").text();
        String statement5 = app.client().get("/items/5").html().select("h1").text();
        assertThat(proDescription).startsWith("Mostly agrees: ").contains("mostly disagrees: ");
        assertThat(proDescription.substring(0, proDescription.indexOf(" — "))).doesNotContain(statement5.substring(0, 20));
        assertThat(proDescription).contains(statement1.substring(0, 20)).doesNotContain("\u201c" + statement5);

        // nothing changed since: the scheduled run would skip; a new stance makes it run again
        assertThat(app.app().camps().runIfChanged()).isFalse();
        vote(members.get(1), 10, "agree");
        assertThat(app.app().camps().runIfChanged()).isTrue();
        assertThat(app.app().camps().runIfChanged()).isFalse();
    }

    /** The schedule keeps the job to a twentieth of one core: a run of d waits 19 d before the next. */
    @Test
    void aLongRunDelaysTheNextScheduledOne() {
        assertThat(CampJob.pauseAfter(java.time.Duration.ofSeconds(2))).isEqualTo(java.time.Duration.ofSeconds(38));
        assertThat(CampJob.pauseAfter(java.time.Duration.ofMinutes(1))).isEqualTo(java.time.Duration.ofMinutes(19));
        MutableClock clock = MutableClock.atNow();
        Database db = app.app().database();
        CampJob job = new CampJob(new StanceRepository(db, clock), new CampRepository(db),
                new ArticleRepository(db), clock);
        assertThat(job.mayRunNow()).isTrue();
        job.runNow();
        assertThat(job.mayRunNow()).as("right after a run").isFalse();
        clock.advance(java.time.Duration.ofMinutes(20));
        assertThat(job.mayRunNow()).isTrue();
    }

    @Test
    @Order(3)
    void theItemPageShowsAgreementPerCampOnceTheViewerMayAndCommonGroundRanksTheSharedItemFirst() {
        TestClient pro = members.get(1);
        Document page = pro.get("/items/" + PRO[0]).html();
        var rows = page.select(".camp-list li");
        assertThat(rows).hasSize(2);
        assertThat(rows.eachText()).anyMatch(t -> t.contains("100 % agree")).anyMatch(t -> t.contains("0 % agree"));
        assertThat(rows.select(".camp-description").eachText()).allMatch(t -> t.startsWith("Mostly agrees"));

        TestClient newcomer = app.member("newcomer");
        assertThat(newcomer.get("/items/" + PRO[0]).html().select(".camp-list")).isEmpty();
        assertThat(newcomer.get("/items/" + PRO[0] + "?results=show").html().select(".camp-list li")).hasSize(2);

        Document ground = app.client().get("/common-ground").html();
        assertThat(ground.select(".camp-card")).hasSize(2);
        assertThat(ground.select(".camp-card h3").eachText()).allMatch(t -> t.matches("Camp [AB] \\(\\d+ members\\)"));
        var ranked = ground.select(".ground-item");
        assertThat(ranked.first().select("a").attr("href")).isEqualTo("/items/" + SHARED);
        assertThat(ranked.last().select("a").attr("href")).isIn("/items/1", "/items/2", "/items/3", "/items/5",
                "/items/6", "/items/7");
        assertThat(ranked.first().select(".ground-camps li")).hasSize(2);
        // items some camp has not voted on are not called common ground
        assertThat(ranked).hasSize(7);
        assertThat(ground.select(".ground-list + .meta").text()).contains("not ranked yet");
    }
}
