package crux.web;

import static org.assertj.core.api.Assertions.assertThat;

import crux.core.Target;
import org.junit.jupiter.api.Test;

class PathsTest {

    private final Paths paths = Paths.INSTANCE;

    @Test
    void pagesOfTheSite() {
        assertThat(paths.userFeed("Ann Lee")).isEqualTo("/users/Ann%20Lee/feed.atom");
        assertThat(paths.userPage("ann", 1)).isEqualTo("/users/ann");
        assertThat(paths.userPage("ann", 0)).isEqualTo("/users/ann");
        assertThat(paths.userPage("ann", 2)).isEqualTo("/users/ann?page=2#comments");
        assertThat(paths.search("a b", null, null, 1)).isEqualTo("/search?q=a%20b");
        assertThat(paths.search(null, "", "", 1)).isEqualTo("/search?q=");
        assertThat(paths.search("x", "items", "my-slug", 2)).isEqualTo("/search?q=x&kind=items&article=my-slug&page=2");
        assertThat(paths.search("x", "members", null, 1)).isEqualTo("/search?q=x&kind=members");
        assertThat(paths.search("x", null, "s&t", 3)).isEqualTo("/search?q=x&article=s%26t&page=3");
        assertThat(paths.propose("my-slug")).isEqualTo("/articles/my-slug/propose");
        assertThat(paths.proposal(7)).isEqualTo("/mod/proposals/7");
        assertThat(paths.modLog(2, "", "", "slug")).isEqualTo("/mod/log?page=2&article=slug");
        assertThat(paths.modLog(1, null, null, "")).isEqualTo("/mod/log?page=1");
        assertThat(paths.home()).isEqualTo("/");
        assertThat(paths.about()).isEqualTo("/about");
        assertThat(paths.settings()).isEqualTo("/settings");
        assertThat(paths.login()).isEqualTo("/login");
        assertThat(paths.htmx()).isEqualTo("/webjars/htmx.org/2.0.10/dist/htmx.min.js");
    }

    @Test
    void itemsCommentsAndPassages() {
        assertThat(paths.item(42)).isEqualTo("/items/42");
        assertThat(paths.comment(7)).isEqualTo("/comments/7");
        assertThat(paths.commentAnchor(42, 3, 7)).isEqualTo("/items/42?page=3#comment-7");
        assertThat(paths.commentHistory(7)).isEqualTo("/comments/7/history");
        assertThat(paths.passage("an-article", 42)).isEqualTo("/articles/an-article#passage-42");
        assertThat(paths.article("an-article")).isEqualTo("/articles/an-article");
        assertThat(paths.articleFeed("an-article")).isEqualTo("/articles/an-article/feed.atom");
        assertThat(paths.articleJson("an-article")).isEqualTo("/articles/an-article.json");
        assertThat(paths.articleCommonGround("an-article")).isEqualTo("/articles/an-article/common-ground");
    }

    @Test
    void targetsOfNoticesAndLogRowsBecomeTheAddressesOfTheirPages() {
        assertThat(paths.to(crux.core.Target.article(3, "a-slug"))).isEqualTo("/articles/a-slug");
        assertThat(paths.to(Target.item(42))).isEqualTo("/items/42");
        assertThat(paths.to(Target.itemSection(42, "forecast"))).isEqualTo("/items/42#forecast");
        assertThat(paths.to(Target.comment(7))).isEqualTo("/comments/7");
        assertThat(paths.to(Target.member(3, "Zoë Ada"))).isEqualTo("/users/Zo%C3%AB%20Ada");
    }

    @Test
    void memberNamesArePercentEncodedWithSpacesAsPercent20() {
        assertThat(paths.user("ada")).isEqualTo("/users/ada");
        assertThat(paths.user("Zoë Ada/x?")).isEqualTo("/users/Zo%C3%AB%20Ada%2Fx%3F");
    }

    @Test
    void registrationKeepsWhereTheVisitorWasGoingUnlessThatIsHome() {
        assertThat(paths.register(null)).isEqualTo("/register");
        assertThat(paths.register("/")).isEqualTo("/register");
        assertThat(paths.register("/items/4?page=2")).isEqualTo("/register?next=%2Fitems%2F4%3Fpage%3D2");
    }

    @Test
    void moderationLogKeepsOnlyTheFiltersThatAreSet() {
        assertThat(paths.modLog(1, null, null)).isEqualTo("/mod/log?page=1");
        assertThat(paths.modLog(2, "", "")).isEqualTo("/mod/log?page=2");
        assertThat(paths.modLog(3, "Ann Lee", null)).isEqualTo("/mod/log?page=3&moderator=Ann%20Lee");
        assertThat(paths.modLog(3, null, "hide")).isEqualTo("/mod/log?page=3&action=hide");
        assertThat(paths.modLog(4, "bo&b", "lock item")).isEqualTo("/mod/log?page=4&moderator=bo%26b&action=lock%20item");
    }
}
