package crux.stances.web;

import crux.article.Item;
import crux.article.Standing;
import crux.core.Stance;
import crux.stances.StanceRepository;
import java.util.List;

/**
 * An item as the article page lists it: its standing beside the passage, and in the index the member's stance
 * buttons. The split shows only once the viewer has taken a stance on it (vote first, then see the crowd).
 * {@code fresh} counts the comments posted on it since the member last opened it (0 for visitors).
 */
public record IndexEntry(Item item, String articleSlug, Standing standing, Stance mine, boolean canVote, int fresh) {

    public IndexEntry(Item item, String articleSlug, Standing standing, Stance mine, boolean canVote) {
        this(item, articleSlug, standing, mine, canVote, 0);
    }

    public boolean showSplit() {
        return mine != null;
    }

    public List<StancePanel.Option> options() {
        return StancePanel.OPTIONS;
    }

    public boolean pressed(String code) {
        return mine != null && StanceRepository.code(mine).equals(code);
    }

    /** Where a stance posted from the article page comes back to: the passage in the text. */
    public String returnPath() {
        return "/articles/" + articleSlug + "#passage-" + item.id();
    }

    /** Whether a stance posted with return path {@code back} came from an article page (its index is swapped in). */
    public static boolean fromArticlePage(String back) {
        return back.startsWith("/articles/");
    }

    public String action() {
        return "/items/" + item.id() + "/stance";
    }
}
