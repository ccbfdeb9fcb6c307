package crux.stances;

import static crux.db.generated.Tables.CAMP;
import static crux.db.generated.Tables.CAMP_BIN;
import static crux.db.generated.Tables.ITEM;
import static crux.db.generated.Tables.MEMBER;
import static crux.db.generated.Tables.MEMBER_CAMP;
import static crux.testing.TestClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.Seeded;
import crux.testing.TestApp;
import crux.testing.TestClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Record2;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The opinion map on the common-ground page, with members written straight into the database (as many as a real
 * debate has) and a few real signed-in members: the map, its table and the privacy rule; "you are here"; labels that
 * follow the members across reruns; the markers and per-camp forecasts on item pages; and a constant number of SQL
 * statements as the members multiply. One app for the class: the tests only read, except the one that grows the data,
 * which checks everything it depends on itself.
 */
class OpinionMapHttpTest {

    static final String PAGE = Seeded.ARTICLE + "/common-ground";

    static TestApp app;
    /** Claims the camps fight over (pro agrees with the first three, contra with the next three) and one both accept. */
    static List<Long> pro;
    static List<Long> contra;
    static long shared;
    static long prediction;
    static TestClient you;
    static TestClient newbie;
    static MapData data;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        List<Long> claims = app.items("claim");
        pro = claims.subList(0, 3);
        contra = claims.subList(3, 6);
        shared = claims.get(6);
        prediction = app.prediction(1);
        long article = articleOf(pro.get(0));
        assertThat(List.of(articleOf(contra.get(2)), articleOf(shared), articleOf(prediction))).containsOnly(article);
        // 30 agree with pro, 20 with contra; 3 odd ones out agree with everything: a bin of their own, never drawn
        you = app.member("mp-you");
        newbie = app.member("mp-newbie");
        data = new MapData(app, pro, contra, shared);
        List<Long> pros = data.camp("mp-pro", 30, true, 0);
        List<Long> contras = data.camp("mp-contra", 20, false, 0);
        for (long m : data.members("mp-odd", 3)) {
            for (long item : List.of(pro.get(0), pro.get(1), pro.get(2), contra.get(0), contra.get(1), contra.get(2),
                    shared)) {
                data.stance(m, item, "agree");
            }
        }
        // pro members expect YES (80 %), contra members NO (20 %)
        data.forecasts(prediction, pros.subList(0, 5), 80);
        data.forecasts(prediction, contras.subList(0, 5), 20);
        for (long item : pro) {
            vote(you, item, "agree");
        }
        for (long item : contra) {
            vote(you, item, "disagree");
        }
        // where "you" differs from the pro camp: the shared claim, which everyone else agrees with
        vote(you, shared, "disagree");
        vote(newbie, pro.get(0), "agree");
        vote(newbie, contra.get(0), "agree");
        app.app().camps().runNow(article).orElseThrow();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static long articleOf(long item) {
        return app.dsl().select(ITEM.ARTICLE_ID).from(ITEM).where(ITEM.ID.eq(item)).fetchOne().value1();
    }

    static void vote(TestClient m, long item, String stance) {
        assertThat(m.submit("/items/" + item, "/items/" + item + "/stance", form("stance", stance)).status())
                .isEqualTo(303);
    }

    /** The letter each camp member's camp has, by member name prefix ("mp-pro" …): one letter per prefix expected. */
    static Map<String, List<Integer>> labelsByGroup() {
        Map<String, List<Integer>> out = new HashMap<>();
        for (Record2<String, Integer> r : app.dsl().select(MEMBER.NAME, CAMP.LABEL).from(MEMBER_CAMP)
                .join(MEMBER).on(MEMBER.ID.eq(MEMBER_CAMP.MEMBER_ID))
                .join(CAMP).on(CAMP.ARTICLE_ID.eq(MEMBER_CAMP.ARTICLE_ID).and(CAMP.ID.eq(MEMBER_CAMP.CAMP_ID)))
                .where(MEMBER_CAMP.ARTICLE_ID.eq(articleOf(pro.get(0))))
                .fetch()) {
            String group = r.value1().replaceAll("\\d+$", "");
            List<Integer> labels = out.computeIfAbsent(group, g -> new ArrayList<>());
            if (!labels.contains(r.value2())) {
                labels.add(r.value2());
            }
        }
        return out;
    }

    @Test
    void theMapShowsDensityBinsOutlinedLabelledCampsAxesInWordsAndTheSameDataAsATable() {
        Document page = app.client().get(PAGE).html();
        Element svg = page.selectFirst("svg.map");
        assertThat(svg).isNotNull();
        assertThat(svg.attr("role")).isEqualTo("img");
        assertThat(svg.attr("aria-label")).contains("Opinion map");
        assertThat(svg.select("polygon.hex")).isNotEmpty();
        // the two camps outlined and labelled with their sizes
        // (the data may have grown by now: see the last test; the pro camp has not)
        assertThat(svg.select("text.camp-label").eachText()).contains("Camp A · 31")
                .anyMatch(t -> t.matches("Camp B · \\d+"));
        assertThat(svg.select("polygon.camp-outline")).hasSizeGreaterThanOrEqualTo(2);
        // one table row per hexagon drawn, the same counts
        List<Element> rows = page.select(".map-table tbody tr");
        assertThat(rows).hasSize(svg.select("polygon.hex").size());
        int placed = app.dsl().selectCount().from(MEMBER_CAMP).where(MEMBER_CAMP.ARTICLE_ID.eq(articleOf(shared)))
                .fetchOne().value1();
        assertThat(rows.stream().mapToInt(r -> Integer.parseInt(r.child(2).text())).sum()).isEqualTo(placed - 3);
        // the axes in words, naming the items that load most
        String axes = page.select(".map-axes").text();
        assertThat(axes).contains("Left to right").contains("Bottom to top").contains("tend to agree that");
        assertThat(page.select(".opinion-map time").attr("datetime")).isNotBlank();
        // what divides and what unites
        assertThat(page.select(".divisive-item a").eachAttr("href")).first()
                .satisfies(h -> assertThat(List.of(pro, contra).stream().flatMap(List::stream)
                        .map(id -> "/items/" + id)).contains(h));
        assertThat(page.select(".ground-item").first().select("a").attr("href")).isEqualTo("/items/" + shared);
        assertThat(page.select(".camp-card .representative li")).isNotEmpty();
    }

    @Test
    void noBinOfFewerThanFiveMembersIsStoredDrawnOrListedAndNoOnesPointIsOnThePage() {
        assertThat(app.dsl().selectCount().from(CAMP_BIN).where(CAMP_BIN.MEMBERS.lt(OpinionMap.MIN_BIN)).fetchOne()
                .value1()).isZero();
        Document page = app.client().get(PAGE).html();
        assertThat(page.select(".map-table tbody tr")).allSatisfy(r ->
                assertThat(Integer.parseInt(r.child(2).text())).isGreaterThanOrEqualTo(OpinionMap.MIN_BIN));
        // the three odd members' bin is not drawn: only counted
        assertThat(page.select(".opinion-map .chart-data").text()).contains("3 of them sit in areas with fewer than 5");
        // nobody's point is drawn for a visitor; no element but bins, outlines, labels and axes
        Element svg = page.selectFirst("svg.map");
        assertThat(svg.select("circle")).isEmpty();
        assertThat(svg.select("*").stream().map(Element::tagName).distinct())
                .containsOnly("svg", "desc", "line", "polygon", "text");
        assertThat(page.select(".you-are-here").text()).contains("Sign in to see yourself on the map");
    }

    @Test
    void aPlacedMemberSeesTheirOwnPointOnlyTheirCampAndWhereTheyDiffer() {
        Document page = you.get(PAGE).html();
        Element svg = page.selectFirst("svg.map");
        assertThat(svg.select("circle")).hasSize(1);
        assertThat(svg.select("text.you-label").text()).isEqualTo("You");
        String here = page.select(".you-are-here").text();
        assertThat(here).contains("You are here").contains("in Camp A (31 members)");
        // the shared claim: "you" disagree, the camp agrees
        assertThat(page.select(".you-are-here .you-list").first().select("a").eachAttr("href"))
                .contains("/items/" + shared);
        // the nearest other camp, and the items that would move "you" towards it
        assertThat(here).containsPattern("Closest to the boundary with Camp [BC]");
        assertThat(page.select(".you-are-here .you-list")).hasSize(2);
        assertThat(page.select(".you-are-here .you-list").last().select("a")).isNotEmpty();
        // another member's page draws their point, not this one's
        Document other = newbie.get(PAGE).html();
        assertThat(other.select("svg.map circle")).isEmpty();
    }

    @Test
    void aMemberWithTooFewStancesIsToldHowManyMoreAreNeeded() {
        assertThat(newbie.get(PAGE).html().select(".you-are-here .notice").text())
                .contains("You have taken a stance on 2 of this article's items")
                .contains("Take a stance on 3 more items to be placed on the map");
    }

    @Test
    void itemPagesMarkWhatDividesAndWhatUnites() {
        assertThat(you.get("/items/" + pro.get(0)).html().select(".camps .item-marker").text()).isEqualTo("divides");
        assertThat(you.get("/items/" + shared).html().select(".camps .item-marker").text()).isEqualTo("unites");
    }

    @Test
    void aPredictionShowsTheCommunityForecastPerCampBesideTheOverallOne() {
        Document page = you.get("/items/" + prediction).html();
        assertThat(page.select(".community .camp-forecast-list li").eachText())
                .containsExactly("Camp A: 80 % from 5 forecasters", "Camp B: 20 % from 5 forecasters");
        assertThat(page.select(".camp-better")).isEmpty();
    }

    @Test
    void aNewForecastAloneBringsTheCampsForecastUpToDate() {
        long other = app.prediction(2);
        assertThat(articleOf(other)).isEqualTo(articleOf(shared));
        assertThat(you.get("/items/" + other).html().select(".camp-forecast-list li")).isEmpty();
        long proMember = app.dsl().select(MEMBER.ID).from(MEMBER).where(MEMBER.NAME_KEY.eq("mp-pro0007")).fetchOne()
                .value1();
        data.forecasts(other, List.of(proMember), 63);
        // no stance changed: the forecast itself must tell the job (or its schedule, if it came first) to recompute
        app.app().camps().runIfChanged();
        assertThat(you.get("/items/" + other).html().select(".camp-forecast-list li").eachText())
                .containsExactly("Camp A: 63 % from 1 forecaster");
        assertThat(app.app().camps().runIfChanged()).isFalse();
    }

    @Test
    void afterResolutionThePageSaysWhichCampsForecastScoredBetter() {
        // on CampForecasts alone, so this class's shared data stays unresolved for the other tests
        List<CampRepository.CampInfo> camps = List.of(new CampRepository.CampInfo(0, 0, 31, ""),
                new CampRepository.CampInfo(1, 1, 20, ""));
        OpinionMap.ItemStat stat = new OpinionMap.ItemStat(prediction, 0, 0, 0, 0, List.of(
                new OpinionMap.CampItem(0, 0, 0, 0, 80.0, 5), new OpinionMap.CampItem(1, 0, 0, 0, 20.0, 5)));
        CampForecasts no = CampForecasts.of(camps, java.util.Optional.of(stat), crux.article.ItemStatus.RESOLVED_NO);
        assertThat(no.better().name()).isEqualTo("Camp B");
        assertThat(no.rows().get(0).brier()).isCloseTo(0.64, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(CampForecasts.of(camps, java.util.Optional.of(stat), crux.article.ItemStatus.RESOLVED_YES)
                .better().name()).isEqualTo("Camp A");
        assertThat(CampForecasts.of(camps, java.util.Optional.of(stat), crux.article.ItemStatus.ANNULLED).better())
                .isNull();
        assertThat(CampForecasts.of(camps, java.util.Optional.of(stat), crux.article.ItemStatus.OPEN).better())
                .isNull();
    }

    @Test
    void labelsFollowTheMembersAcrossRerunsAndTheStatementsStayConstantAsMembersMultiply() {
        long article = articleOf(pro.get(0));
        int before = statements(you, PAGE);
        int anonymousBefore = statements(app.client(), PAGE);
        int itemBefore = statements(you, "/items/" + prediction);
        Map<String, List<Integer>> labels = labelsByGroup();
        assertThat(labels.get("mp-pro")).hasSize(1);
        assertThat(labels.get("mp-contra")).hasSize(1).doesNotContainAnyElementsOf(labels.get("mp-pro"));

        // contra grows past pro: it becomes the largest camp (id 0), yet both keep their letters and colours
        data.camp("mp-grown-contra", 60, false, 0);
        app.app().camps().runNow(article).orElseThrow();
        Map<String, List<Integer>> after = labelsByGroup();
        assertThat(after.get("mp-pro")).isEqualTo(labels.get("mp-pro"));
        assertThat(after.get("mp-contra")).isEqualTo(labels.get("mp-contra"));
        assertThat(after.get("mp-grown-contra")).isEqualTo(labels.get("mp-contra"));
        int contraCampId = app.dsl().select(MEMBER_CAMP.CAMP_ID).from(MEMBER_CAMP).join(MEMBER)
                .on(MEMBER.ID.eq(MEMBER_CAMP.MEMBER_ID)).where(MEMBER.NAME_KEY.eq("mp-contra0000"))
                .and(MEMBER_CAMP.ARTICLE_ID.eq(article)).fetchOne().value1();
        assertThat(contraCampId).isZero();

        assertThat(statements(you, PAGE)).isEqualTo(before);
        assertThat(statements(app.client(), PAGE)).isEqualTo(anonymousBefore);
        assertThat(statements(you, "/items/" + prediction)).isEqualTo(itemBefore);
    }

    /**
     * A page's statements with nothing kept in memory: its worst case, and the same whenever it is measured (on
     * PostgreSQL the events of earlier writes drop the kept pages whenever they come back).
     */
    static int statements(TestClient client, String path) {
        app.everyEventHeard();
        app.app().dropCaches();
        TestClient.Response r = client.get(path);
        assertThat(r.status()).isEqualTo(200);
        return Integer.parseInt(r.header("X-Sql-Statements").orElseThrow());
    }
}
