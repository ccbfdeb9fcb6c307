package crux.pages;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.nodes.Document;

/** What two members' views of a page assembled from kept pieces must show: each their own name and token only. */
final class KeptPages {

    private KeptPages() {
    }

    /**
     * {@code a} and {@code b} are the same page as members {@code nameA} and {@code nameB} see it: each has their own
     * name in the menu and nobody else's, their own token in every form ({@code forms} at least), and no slot marker.
     */
    static void eachSeesOnlyTheirOwn(Document a, String nameA, Document b, String nameB, int forms) {
        assertThat(a.select(".site-menu a.me").text()).isEqualTo(nameA);
        assertThat(b.select(".site-menu a.me").text()).isEqualTo(nameB);
        assertThat(a.html()).doesNotContain(nameB).doesNotContain("<!--slot:").doesNotContain("crux-csrf-slot");
        assertThat(b.html()).doesNotContain(nameA).doesNotContain("<!--slot:").doesNotContain("crux-csrf-slot");
        String tokenA = a.select("meta[name=csrf-token]").attr("content");
        String tokenB = b.select("meta[name=csrf-token]").attr("content");
        assertThat(tokenA).isNotEmpty().isNotEqualTo(tokenB);
        assertThat(a.select("form[method=post] input[name=_csrf]")).hasSizeGreaterThanOrEqualTo(forms)
                .allSatisfy(in -> assertThat(in.attr("value")).isEqualTo(tokenA));
        assertThat(b.select("form[method=post] input[name=_csrf]")).hasSizeGreaterThanOrEqualTo(forms)
                .allSatisfy(in -> assertThat(in.attr("value")).isEqualTo(tokenB));
    }
}
