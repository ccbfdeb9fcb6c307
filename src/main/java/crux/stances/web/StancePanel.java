package crux.stances.web;

import crux.core.Stance;
import crux.core.Tally;
import crux.debate.MindChangeRepository;
import crux.stances.CampView;
import crux.stances.StanceRepository;
import crux.web.Paths;
import java.util.List;

/**
 * The stance section of an item page: the three buttons (the member's current stance pressed), the number of
 * voters (always shown), and the split and per-camp agreement, shown only once the viewer has taken a stance or
 * asked for the results — vote first, then see the crowd.
 *
 * @param message what the last change did, announced to screen readers after an in-place update (or null)
 */
public record StancePanel(long itemId, String kind, Stance mine, Tally tally, boolean showSplit, boolean signedIn,
                          boolean canWrite, String returnPath, String message, CampView camps,
                          List<MindChangeRepository.CreditOption> creditOptions) {

    /** One of the three buttons. */
    public record Option(String code, String label, String verb) {
    }

    public static final List<Option> OPTIONS = List.of(
            new Option("agree", "Agree", "agree"),
            new Option("unsure", "Unsure", "are unsure"),
            new Option("disagree", "Disagree", "disagree"));

    public List<Option> options() {
        return OPTIONS;
    }

    public boolean pressed(String code) {
        return mine != null && StanceRepository.code(mine).equals(code);
    }

    public String mineLabel() {
        return mine == null ? null : OPTIONS.get(mine.ordinal()).label();
    }

    public String resultsPath() {
        return Paths.INSTANCE.item(itemId) + "?results=show#stance";
    }

    public String action() {
        return Paths.INSTANCE.item(itemId) + "/stance";
    }

    /** "1 person has" / "12 people have": the voter count, always visible. */
    public String voters() {
        int n = tally.voters();
        return n == 1 ? "1 person has" : n + " people have";
    }

    /** What a member reads after changing their stance, for the flash or the live region. */
    public static String saved(Stance stance) {
        return stance == null ? "Your stance is withdrawn." : "Saved: you " + OPTIONS.get(stance.ordinal()).verb() + ".";
    }
}
