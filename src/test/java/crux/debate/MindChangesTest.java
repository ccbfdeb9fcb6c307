package crux.debate;

import static crux.db.generated.Tables.COMMENT;
import static crux.db.generated.Tables.MIND_CHANGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crux.db.generated.tables.records.CommentRecord;
import crux.debate.MindChangeRepository.Result;
import crux.testing.TestApp;
import crux.testing.TestClient;
import crux.testing.TestDatabases;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The "changed my mind" rules, on the repository directly, on H2 and (when configured) PostgreSQL. */
class MindChangesTest {

    private TestApp app;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
            TestDatabases.drop(app.databaseUrl());
        }
    }

    private Result credit(MindChangeRepository m, long member, long item, long comment, String kind, String from,
            String to,
                          String key) {
        return app.app().database().transaction(tx -> m.credit(tx.dsl(), member, item, comment,
                new MindChangeRepository.Change(MindChangeRepository.Change.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), from, to, key)));
    }

    private CommentRecord row(long id) {
        return app.dsl().selectFrom(COMMENT).where(COMMENT.ID.eq(id)).fetchOne();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void creditsCountMembersOnceSumForecastMovementAndRefuseWhatTheyShould(String kind) {
        app = TestApp.start(kind);
        long surge = app.item("release a surge of open-source AI models");
        long claim = app.items("claim").get(0);
        TestClient author = app.member("persuader");
        app.member("movedone");
        app.member("movedtwo");
        long authorId = app.memberNamed("persuader").id();
        long one = app.memberNamed("movedone").id();
        long two = app.memberNamed("movedtwo").id();
        long argument = Debates.argueId(author, surge, "supports", "Chips are the bottleneck, not models.");
        long elsewhere = Debates.argueId(author, claim, "supports", "On another item");
        MindChangeRepository m = new MindChangeRepository(app.app().database(), Clock.systemUTC());

        assertThat(credit(m, one, surge, argument, "forecast", "40", "65", "forecast:11")).isEqualTo(Result.CREDITED);
        assertThat(row(argument).getMembersMoved()).isEqualTo(1);
        assertThat(row(argument).getForecastMovement()).isEqualTo(25);
        // the same change again adds nothing; a later change by the same member adds movement, not a member
        assertThat(credit(m, one, surge, argument, "forecast", "40", "65", "forecast:11")).isEqualTo(Result.ALREADY_CREDITED);
        assertThat(credit(m, one, surge, argument, "forecast", "65", "55", "forecast:12")).isEqualTo(Result.CREDITED);
        assertThat(row(argument).getMembersMoved()).isEqualTo(1);
        assertThat(row(argument).getForecastMovement()).isEqualTo(35);
        assertThat(credit(m, two, surge, argument, "stance", "agree", "disagree", "stance:7")).isEqualTo(Result.CREDITED);
        assertThat(row(argument).getMembersMoved()).isEqualTo(2);
        assertThat(row(argument).getForecastMovement()).isEqualTo(35);

        int stored = app.count(MIND_CHANGE);
        assertThat(credit(m, authorId, surge, argument, "stance", "agree", "unsure", "stance:8")).isEqualTo(Result.OWN_COMMENT);
        assertThat(credit(m, two, surge, elsewhere, "stance", "agree", "unsure", "stance:9")).isEqualTo(Result.OTHER_ITEM);
        assertThat(credit(m, two, surge, 999_999, "stance", "agree", "unsure", "stance:10")).isEqualTo(Result.NO_SUCH_COMMENT);
        assertThat(credit(m, two, surge, argument, "forecast", "50", "50", "forecast:13")).isEqualTo(Result.NO_CHANGE);
        // a kind other than stance or forecast cannot be spelled (Change.Kind); a missing one is refused
        assertThatThrownBy(() -> new MindChangeRepository.Change(null, "a", "b", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a change has a kind");
        assertThatThrownBy(() -> credit(m, two, surge, argument, "forecast", "40", "140", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a forecast is a percentage: 140");
        assertThat(app.count(MIND_CHANGE)).isEqualTo(stored);
        assertThat(row(argument).getMembersMoved()).isEqualTo(2);

        // the change and the credit share the caller's transaction: a rollback takes both back
        assertThatThrownBy(() -> app.app().database().run(tx -> {
            m.credit(tx, two, surge, argument, new MindChangeRepository.Change(MindChangeRepository.Change.Kind.STANCE,
                    "disagree", "agree", "stance:11"));
            throw new IllegalStateException("the stance write failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the stance write failed");
        assertThat(app.count(MIND_CHANGE)).isEqualTo(stored);

        // a deleted comment cannot be credited any more
        author.submit("/about", "/comments/" + elsewhere + "/delete", TestClient.form());
        assertThat(credit(m, two, claim, elsewhere, "stance", "agree", "unsure", "stance:12")).isEqualTo(Result.NO_SUCH_COMMENT);

        // what the page shows, and the persuasive sort
        long plain = Debates.argueId(app.member("unpersuasive"), surge, "opposes", "Nobody moved by this");
        var page = app.client().get("/items/" + surge + "?sort=persuasive").html();
        assertThat(page.select("#comment-" + argument + " .moved").text()).isEqualTo("Changed 2 minds, moving forecasts by 35 points");
        assertThat(page.select("#comment-" + plain + " .moved")).isEmpty();
        assertThat(page.select("ol.thread > li").eachAttr("id")).containsExactly("comment-" + argument, "comment-" + plain);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theOptionsListTheItemsLiveArgumentsBestFirstForTheStanceAndForecastForms(String kind) {
        app = TestApp.start(kind);
        long surge = app.item("release a surge of open-source AI models");
        long claim = app.items("claim").get(0);
        TestClient a = app.member("optioner");
        long first = Debates.argueId(a, surge, "supports", "Best argument with **markup** and a long tail " + "x ".repeat(80));
        long second = Debates.argueId(a, surge, "question", "A question");
        Debates.replyId(app.member("replyer"), first, "Replies are not offered");
        Debates.argueId(a, claim, "opposes", "Another item's argument");
        Debates.vote(app.member("fan"), first, "up");
        MindChangeRepository m = new MindChangeRepository(app.app().database(), Clock.systemUTC());
        List<MindChangeRepository.CreditOption> options = m.options(surge);
        assertThat(options).extracting(MindChangeRepository.CreditOption::id).containsExactly(first, second);
        assertThat(options.get(0).label()).startsWith("Supports: Best argument with markup").endsWith("… (optioner)");
        assertThat(MindChangeRepository.parseCredit("")).isEmpty();
        assertThat(MindChangeRepository.parseCredit("none")).isEmpty();
        assertThat(MindChangeRepository.parseCredit("-4")).isEmpty();
        assertThat(MindChangeRepository.parseCredit(Long.toString(first))).contains(first);
    }
}
