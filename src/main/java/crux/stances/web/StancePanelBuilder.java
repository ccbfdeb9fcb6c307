package crux.stances.web;

import crux.accounts.Member;
import crux.article.ArticleRepository;
import crux.article.Item;
import crux.core.Once;
import crux.core.Stance;
import crux.core.Tally;
import crux.debate.MindChangeRepository;
import crux.stances.CampRepository;
import crux.stances.CampView;
import crux.stances.Consensus;
import crux.stances.OpinionMap;
import crux.stances.StanceRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Builds the stance section of an item page (also what an in-place update swaps in): the viewer's stance, and what
 * everyone sees ({@link Shared}), kept between views by the page.
 */
public final class StancePanelBuilder {

    private final ArticleRepository articles;
    private final StanceRepository stances;
    private final CampRepository camps;
    private final Clock clock;

    private final MindChangeRepository mindChanges;

    public StancePanelBuilder(ArticleRepository articles, StanceRepository stances, CampRepository camps,
            MindChangeRepository mindChanges, Clock clock) {
        this.mindChanges = mindChanges;
        this.articles = articles;
        this.stances = stances;
        this.camps = camps;
        this.clock = clock;
    }

    /**
     * An item's stance section as everyone sees it: the tally, and (read the first time a view needs them) the camps'
     * split and the arguments one may credit. Kept per item by the page that shows it until something changes, so a
     * view reads only the viewer's own stance.
     */
    public final class Shared {
        private final Tally tally;
        /**
         * Read by the first view that needs them while the others wait: each refresh of the kept section (every change,
         * and once a second) starts without them, and on PostgreSQL the camps' split takes 10–60 ms under load, so
         * every request arriving meanwhile read it too (12 readings per refresh at 32 connections), each holding a
         * pooled connection the other requests were waiting for.
         */
        private final Once<CampView> camps;
        private final Once<List<MindChangeRepository.CreditOption>> credit;

        private Shared(Item item) {
            this.tally = stances.tally(item.id());
            this.camps = new Once<>(() -> StancePanelBuilder.this.camps(item));
            this.credit = new Once<>(() -> mindChanges.options(item.id()));
        }

        CampView camps() {
            return camps.get();
        }

        List<MindChangeRepository.CreditOption> credit() {
            return credit.get();
        }
    }

    /** {@code item}'s section as everyone sees it, read now: one query, and more only as views need them. */
    public Shared shared(Item item) {
        return new Shared(item);
    }

    /**
     * @param viewer         the signed-in member, or null
     * @param resultsChosen  the viewer asked to see the results without voting
     */
    public StancePanel panel(Item item, Member viewer, boolean resultsChosen, String message) {
        return panel(item, viewer, resultsChosen, message, shared(item));
    }

    /** As {@link #panel(Item, Member, boolean, String)}, from {@code shared} (of the same item) as kept. */
    public StancePanel panel(Item item, Member viewer, boolean resultsChosen, String message, Shared shared) {
        return panel(item, viewer, viewer == null ? null : stances.stanceOf(viewer.id(), item.id()).orElse(null),
                resultsChosen, message, shared);
    }

    /** As {@link #panel(Item, Member, boolean, String, Shared)}, with the viewer's stance ({@code mine}) read already. */
    public StancePanel panel(Item item, Member viewer, Stance mine, boolean resultsChosen, String message,
                             Shared shared) {
        boolean show = mine != null || resultsChosen;
        boolean canWrite = viewer != null && viewer.canWrite(OffsetDateTime.now(clock)) && !item.retired()
                && !articles.inRetiredArticle(item);
        // crediting an argument only makes sense for a change: offered to those who already hold a stance
        List<MindChangeRepository.CreditOption> credit = canWrite && mine != null ? shared.credit() : List.of();
        return new StancePanel(item.id(), item.kind().label().toLowerCase(), mine, shared.tally, show,
                viewer != null, canWrite,
                "/items/" + item.id() + "#stance", message, show ? shared.camps() : CampView.none(), credit);
    }

    /** An item as the article's index lists it, for the viewer: what a vote from the article page swaps in. */
    public IndexEntry entry(Item item, Member viewer) {
        return new IndexEntry(item, articles.of(item).slug(), articles.standing(item.id()),
                viewer == null ? null : stances.stanceOf(viewer.id(), item.id()).orElse(null),
                viewer != null && viewer.canWrite(OffsetDateTime.now(clock)) && !articles.inRetiredArticle(item));
    }

    /** Agreement with the item per camp of its own article. */
    private CampView camps(Item item) {
        List<CampRepository.CampInfo> all = camps.camps(item.articleId());
        if (all.isEmpty()) {
            return CampView.none();
        }
        Map<Integer, Consensus.CampTally> tallies = camps.tallies(item.articleId(), item.id());
        return new CampView(all.stream().map(c -> {
            Consensus.CampTally t = tallies.getOrDefault(c.id(), new Consensus.CampTally(0, 0));
            return new CampView.Row(c, t.agreeing(), t.voting());
        }).toList(), articles.of(item).slug(), camps.itemStat(item.id()).map(OpinionMap.ItemStat::marker)
                .orElse(OpinionMap.Marker.NONE));
    }
}
