package crux.stances;

import static crux.db.generated.Tables.ARTICLE;
import static crux.db.generated.Tables.CAMP;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER_CAMP;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.article.ArticleRepository;
import crux.db.Database;
import crux.testing.Articles;
import crux.testing.Html;
import crux.testing.MutableClock;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Camps computed by the background job (run now, as the schedule would), agreement per camp on item pages, and
 * the common-ground ranking — with synthetic members who split cleanly in two and share one item. Camps are
 * computed over every member of the database, so each test has an app and a database of its own.
 */
class CampsHttpTest {

    static final int PER_CAMP = 4;

    TestApp app;
    /** What the two camps fight over (the first three claims, then the next three), and the claim both accept. */
    List<Long> pro;
    List<Long> contra;
    long shared;
    /** The members {@link #twoCamps} made, by name. */
    final Map<String, TestClient> signedIn = new HashMap<>();

    @BeforeEach
    void start() {
        app = TestApp.start();
        List<Long> claims = app.items("claim");
        pro = claims.subList(0, 3);
        contra = claims.subList(3, 6);
        shared = claims.get(6);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    static void vote(TestClient m, long item, String stance) {
        assertThat(m.submit("/items/" + item, "/items/" + item + "/stance", form("stance", stance)).status()).isEqualTo(303);
    }

    /** The stored camp (with its lasting label) that member {@code name} is in. */
    private CampRepository.CampInfo label(Camps camps, String name) {
        int id = camps.campOf().get(app.memberNamed(name).id());
        return app.dsl().select(CAMP.LABEL).from(CAMP).where(CAMP.ID.eq(id)).and(CAMP.ARTICLE_ID.eq(
                        app.dsl().select(ITEM.ARTICLE_ID).from(ITEM).where(ITEM.ID.eq(pro.get(0)))))
                .fetchOne(r -> new CampRepository.CampInfo(id, r.value1(), 0, ""));
    }

    /** One member with a stance on each of the five claims both camps will fight over. */
    private TestClient early() {
        TestClient few = app.member("early");
        for (long item : List.of(pro.get(0), pro.get(1), pro.get(2), contra.get(0), contra.get(1))) {
            vote(few, item, "agree");
        }
        return few;
    }

    /** Two camps of {@link #PER_CAMP} members each, the first camp's clients returned; one of the second is unsure of the shared claim. */
    private List<TestClient> twoCamps() {
        List<TestClient> pros = new ArrayList<>();
        for (int i = 0; i < PER_CAMP; i++) {
            TestClient p = app.member("pro" + i);
            TestClient c = app.member("contra" + i);
            signedIn.put("pro" + i, p);
            signedIn.put("contra" + i, c);
            for (long item : pro) {
                vote(p, item, "agree");
                vote(c, item, "disagree");
            }
            for (long item : contra) {
                vote(p, item, "disagree");
                vote(c, item, "agree");
            }
            vote(p, shared, "agree");
            vote(c, shared, i == 0 ? "unsure" : "agree");
            pros.add(p);
        }
        return pros;
    }

    @Test
    void belowTheMinimumThePagesSaySoInsteadOfShowingNoise() {
        TestClient few = early();
        assertThat(app.app().camps().runNow()).isEmpty();
        assertThat(app.count(CAMP)).isZero();
        Document ground = app.client().get("/common-ground").html();
        assertThat(ground.select(".notice").text()).contains("at least " + Camps.MIN_MEMBERS + " members")
                .contains("at least " + Camps.MIN_VOTES + " items");
        assertThat(Html.text(few.get("/items/" + pro.get(0)).html(), ".camps .hint"))
                .isEqualTo("Camps of members who vote alike appear once at least " + Camps.MIN_MEMBERS
                        + " members have each taken a stance on at least " + Camps.MIN_VOTES
                        + " items — fewer would be noise, not a pattern.");
    }

    @Test
    void membersWhoVoteAlikeFormCampsDescribedByWhatTheyAgreeWith() {
        // the early member withdraws two stances: with fewer than MIN_VOTES they are left out of every camp
        TestClient early = early();
        vote(early, contra.get(0), "withdraw");
        vote(early, contra.get(1), "withdraw");
        twoCamps();
        Camps camps = app.app().camps().runNow().orElseThrow();
        assertThat(camps.k()).isEqualTo(2);
        assertThat(app.count(MEMBER_CAMP)).isEqualTo(2 * PER_CAMP);
        assertThat(camps.campOf()).doesNotContainKey(app.memberNamed("early").id());
        long proCamp = camps.campOf().get(app.memberNamed("pro0").id());
        assertThat(camps.campOf().get(app.memberNamed("pro3").id())).isEqualTo((int) proCamp);
        assertThat(camps.campOf().get(app.memberNamed("contra0").id())).isNotEqualTo((int) proCamp);

        // described by the items its majority agrees with
        String proDescription = app.dsl().select(CAMP.DESCRIPTION).from(CAMP).where(CAMP.ID.eq((int) proCamp)).fetchOne().value1();
        String statement1 = app.client().get("/items/" + pro.get(0)).html().select("h1").text();
        String statement5 = app.client().get("/items/" + contra.get(0)).html().select("h1").text();
        assertThat(proDescription).startsWith("Mostly agrees: ").contains("mostly disagrees: ");
        assertThat(proDescription.substring(0, proDescription.indexOf(" — "))).doesNotContain(statement5.substring(0, 20));
        assertThat(proDescription).contains(statement1.substring(0, 20)).doesNotContain("\u201c" + statement5);

        // nothing changed since: the scheduled run would skip; a new stance makes it run again
        assertThat(app.app().camps().runIfChanged()).isFalse();
        vote(app.member("late"), app.items("claim").get(9), "agree");
        assertThat(app.app().camps().runIfChanged()).isTrue();
        assertThat(app.app().camps().runIfChanged()).isFalse();
    }

    /** The schedule keeps the job to a twentieth of one core: a run of d waits 19 d before the next. */
    @Test
    void aLongRunDelaysTheNextScheduledOne() {
        assertThat(CampJob.pauseAfter(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(38));
        assertThat(CampJob.pauseAfter(Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(19));
        MutableClock clock = MutableClock.atNow();
        Database db = app.app().database();
        CampJob job = new CampJob(new StanceRepository(db, clock), new CampRepository(db),
                new ArticleRepository(db), clock);
        assertThat(job.mayRunNow()).isTrue();
        job.runNow();
        assertThat(job.mayRunNow()).as("right after a run").isFalse();
        clock.advance(Duration.ofMinutes(20));
        assertThat(job.mayRunNow()).isTrue();
    }

    /**
     * Camps are per article: the same members split one way on the first article and another way on a second, so
     * each article has its own camps, its item pages show its own, and its common ground ranks its own items.
     */
    @Test
    void twoArticlesWithOppositePatternsHaveCampsOfTheirOwn() {
        twoCamps();
        TestClient mod = app.member("camps-mod", "moderator");
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sentences.add("Statement number " + i + " of the second article, on its own line.");
        }
        List<Long> second = Articles.withClaims(app, mod, "camps-second", "A second article", sentences);
        long secondId = app.dsl().select(ARTICLE.ID).from(ARTICLE).where(ARTICLE.SLUG.eq("camps-second")).fetchOne()
                .value1();
        // on the second article pro0, pro1, contra0, contra1 vote one way and the other four the other way
        for (int i = 0; i < PER_CAMP; i++) {
            for (String name : List.of("pro" + i, "contra" + i)) {
                TestClient m = signedIn.get(name);
                boolean first = i < PER_CAMP / 2;
                for (int n = 0; n < second.size(); n++) {
                    vote(m, second.get(n), (n < 3) == first ? "agree" : "disagree");
                }
            }
        }
        assertThat(app.app().camps().runIfChanged()).isTrue();
        Camps onFirst = app.app().camps().runNow().orElseThrow();
        Camps onSecond = app.app().camps().runNow(secondId).orElseThrow();
        long pro0 = app.memberNamed("pro0").id();
        long pro1 = app.memberNamed("pro1").id();
        long pro2 = app.memberNamed("pro2").id();
        long contra0 = app.memberNamed("contra0").id();
        assertThat(onFirst.campOf().get(pro0)).isEqualTo(onFirst.campOf().get(pro2))
                .isNotEqualTo(onFirst.campOf().get(contra0));
        assertThat(onSecond.campOf().get(pro0)).isEqualTo(onSecond.campOf().get(contra0))
                .isEqualTo(onSecond.campOf().get(pro1)).isNotEqualTo(onSecond.campOf().get(pro2));
        assertThat(app.dsl().fetchCount(MEMBER_CAMP, MEMBER_CAMP.ARTICLE_ID.eq(secondId))).isEqualTo(2 * PER_CAMP);

        // the second article's item page shows its camps: half of each first-article camp in each
        Document item = signedIn.get("pro0").get("/items/" + second.get(0)).html();
        assertThat(item.select(".camp-list li .camp-line").eachText()).allMatch(t -> t.contains("(4 members)"))
                .anyMatch(t -> t.contains("100 % agree of the 4")).anyMatch(t -> t.contains("0 % agree of the 4"));
        assertThat(item.select(".camps a").attr("href")).isEqualTo("/articles/camps-second/common-ground");

        Document ground = app.client().get("/articles/camps-second/common-ground").html();
        assertThat(ground.select(".ground-item a").eachAttr("href"))
                .allMatch(h -> second.stream().anyMatch(id -> h.equals("/items/" + id))).hasSize(second.size());
        Document firstGround = app.client().get("/common-ground").html();
        assertThat(firstGround.select(".ground-item").first().select("a").attr("href")).isEqualTo("/items/" + shared);
        assertThat(firstGround.select(".ground-item a").eachAttr("href"))
                .noneMatch(h -> second.stream().anyMatch(id -> h.equals("/items/" + id)));
        assertThat(app.client().get("/articles/no-such-article/common-ground").status()).isEqualTo(404);

        // nothing changed since: no article is recomputed
        assertThat(app.app().camps().runIfChanged()).isFalse();
    }

    @Test
    void theItemPageShowsAgreementPerCampOnceTheViewerMayAndCommonGroundRanksTheSharedItemFirst() {
        TestClient member = twoCamps().get(1);
        Camps camps = app.app().camps().runNow().orElseThrow();
        String proCamp = label(camps, "pro0").name();
        String contraCamp = label(camps, "contra0").name();

        Document page = member.get("/items/" + pro.get(0)).html();
        assertThat(page.select(".camp-list li .camp-line").eachText()).containsExactlyInAnyOrder(
                proCamp + " (4 members): 100 % agree of the 4 who took a stance",
                contraCamp + " (4 members): 0 % agree of the 4 who took a stance");
        assertThat(page.select(".camp-list li .camp-description").eachText()).hasSize(2).allMatch(t -> t.startsWith("Mostly agrees"));

        TestClient newcomer = app.member("newcomer");
        assertThat(newcomer.get("/items/" + pro.get(0)).html().select(".camp-list")).isEmpty();
        assertThat(newcomer.get("/items/" + pro.get(0) + "?results=show").html().select(".camp-list li")).hasSize(2);

        Document ground = app.client().get("/common-ground").html();
        assertThat(ground.select(".camp-card h3").eachText()).containsExactlyInAnyOrder("Camp A (4 members)", "Camp B (4 members)");
        var ranked = ground.select(".ground-item");
        // items some camp has not voted on are not called common ground
        assertThat(ranked).hasSize(7);
        assertThat(ranked.first().select("a").attr("href")).isEqualTo("/items/" + shared);
        List<String> fought = new ArrayList<>();
        pro.forEach(id -> fought.add("/items/" + id));
        contra.forEach(id -> fought.add("/items/" + id));
        assertThat(ranked.stream().skip(1).map(e -> e.select("a").attr("href"))).containsExactlyInAnyOrderElementsOf(fought);
        assertThat(ranked.first().select(".ground-camps li")).hasSize(2);
        assertThat(ground.select(".ground-list + .meta").text()).contains("not ranked yet");
    }
}
