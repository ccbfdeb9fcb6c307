package crux.debate;

import static org.assertj.core.api.Assertions.assertThat;

import crux.testing.TestApp;
import crux.web.Views;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The select the stance and forecast forms include: labelled, "None" first, one option per argument. */
class CreditSelectTest {

    private static final Views VIEWS = new Views(TestApp.repositoryRoot().resolve("templates"), false, ctx -> null);

    private static Document render(List<MindChangeRepository.CreditOption> options) {
        return Jsoup.parse(VIEWS.render("debate/credit :: credit-select",
                Map.of("options", options, "id", "forecast-credit"), (Object) null));
    }

    @Test
    void listsNoneThenTheArgumentsUnderALabel() {
        Document d = render(List.of(new MindChangeRepository.CreditOption(7, Side.OPPOSES, "Margins <b>won't</b> fall",
                "ann"),
                new MindChangeRepository.CreditOption(9, Side.QUESTION, "Which chips?", "bo")));
        assertThat(d.select("label[for=forecast-credit]").text()).isEqualTo("Did an argument change your mind?");
        assertThat(d.select("select#forecast-credit").attr("name")).isEqualTo(MindChangeRepository.FIELD);
        assertThat(d.select("select#forecast-credit").attr("aria-describedby")).isEqualTo("forecast-credit-hint");
        assertThat(d.select("option").eachAttr("value")).containsExactly("", "7", "9");
        assertThat(d.select("option").eachText()).containsExactly("None", "Opposes: Margins <b>won't</b> fall (ann)",
                "Question: Which chips? (bo)");
        assertThat(d.select("b")).isEmpty();
    }

    @Test
    void showsNothingWhenThereIsNoArgumentToCredit() {
        assertThat(render(List.of()).select("select")).isEmpty();
    }
}
