package crux.stances;

import crux.article.ArticleRepository;
import crux.article.Item;
import crux.article.ItemKind;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The common-ground view of one article: its items ranked by group-aware consensus over the camps ({@link Consensus#gac}), so an
 * item ranks high only when every camp tends to accept it; with the opinion map, from the per-camp tallies the camp job
 * stored with it. A fixed number of queries, however many members and votes.
 */
public final class CommonGround {

    /**
     * The page: camps, and the items every camp has voted on with their GAC and agreement per camp (empty: not
     * enough data yet). {@code unranked} items some camp has not voted on yet: unvoted, GAC would call them ½ per
     * camp, which is not agreement, so they are left out of the ranking.
     */
    public record Page(List<CampRepository.CampInfo> camps, List<Row> rows, int unranked, OffsetDateTime computedAt,
                       MapView map) {
        /** The same page with the opinion map (null: none yet). */
        Page withMap(MapView map) {
            return new Page(camps, rows, unranked, computedAt, map);
        }

        public boolean available() {
            return !camps.isEmpty();
        }

        public int minMembers() {
            return Camps.MIN_MEMBERS;
        }

        public int minVotes() {
            return Camps.MIN_VOTES;
        }
    }

    /** One item: its consensus, and each camp's agreement with it. */
    public record Row(long itemId, String statement, ItemKind kind, double gac, List<CampView.Row> camps) {
        /** GAC as a percentage: the chance-like product of every camp's smoothed agreement. */
        public int gacPercent() {
            return (int) Math.round(gac * 100);
        }
    }

    private final ArticleRepository articles;
    private final CampRepository campRepository;
    private final StanceRepository stances;

    public CommonGround(ArticleRepository articles, CampRepository campRepository, StanceRepository stances) {
        this.articles = articles;
        this.campRepository = campRepository;
        this.stances = stances;
    }

    /** One article's common ground, over its own camps and items, without the map. */
    public Page forArticle(long articleId) {
        return rank(campRepository.camps(articleId), campRepository.computedAt(articleId).orElse(null),
                () -> campRepository.allTallies(articleId), () -> articles.activeItems(articleId));
    }

    /**
     * One article's common ground with its opinion map as {@code viewerId} (null: signed out) sees it: the stored map,
     * the viewer's own place and stances — a fixed number of queries, however many members, items and bins.
     */
    public Page forArticle(long articleId, Long viewerId) {
        List<CampRepository.CampInfo> camps = campRepository.camps(articleId);
        OffsetDateTime computedAt = campRepository.computedAt(articleId).orElse(null);
        if (camps.isEmpty()) {
            return rank(camps, computedAt, Map::of, List::of);
        }
        List<Item> items = articles.activeItems(articleId);
        Optional<CampRepository.StoredMap> stored = campRepository.map(articleId);
        if (stored.isEmpty()) {
            return rank(camps, computedAt, () -> campRepository.allTallies(articleId), () -> items);
        }
        // the tallies the job stored with the map: the same numbers the map shows, and no count over every stance
        Page page = rank(camps, computedAt, () -> tallies(stored.get().map()), () -> items);
        return page.withMap(MapView.of(stored.get(), camps, items,
                viewerId == null ? Optional.empty() : campRepository.position(articleId, viewerId),
                viewerId == null ? null : stances.stancesOf(viewerId)));
    }

    /** Per item, per camp: agreeing of voting, as the job stored them. */
    static Map<Long, Map<Integer, Consensus.CampTally>> tallies(OpinionMap map) {
        Map<Long, Map<Integer, Consensus.CampTally>> out = new HashMap<>();
        for (OpinionMap.ItemStat i : map.items()) {
            Map<Integer, Consensus.CampTally> byCamp = new HashMap<>();
            for (OpinionMap.CampItem c : i.camps()) {
                byCamp.put(c.camp(), new Consensus.CampTally(c.agree(), c.voting()));
            }
            out.put(i.itemId(), byCamp);
        }
        return out;
    }

    /**
     * The page from plain inputs (the data access stays in {@link #page}): {@code talliesByItem} by item id, then by camp
     * id; an item or camp missing from them has no votes. Without camps neither tallies nor items are asked for.
     * Rows by GAC, highest first, ties by item id.
     */
    static Page rank(List<CampRepository.CampInfo> camps, OffsetDateTime computedAt,
                     Supplier<Map<Long, Map<Integer, Consensus.CampTally>>> talliesByItem, Supplier<List<Item>> items) {
        if (camps.isEmpty()) {
            return new Page(camps, List.of(), 0, computedAt, null);
        }
        Map<Long, Map<Integer, Consensus.CampTally>> tallies = talliesByItem.get();
        List<Row> rows = new ArrayList<>();
        int unranked = 0;
        for (Item item : items.get()) {
            Map<Integer, Consensus.CampTally> byCamp = tallies.getOrDefault(item.id(), Map.of());
            List<Consensus.CampTally> perCamp = camps.stream()
                    .map(c -> byCamp.getOrDefault(c.id(), new Consensus.CampTally(0, 0))).toList();
            List<CampView.Row> cells = new ArrayList<>();
            for (int g = 0; g < camps.size(); g++) {
                cells.add(new CampView.Row(camps.get(g), perCamp.get(g).agreeing(), perCamp.get(g).voting()));
            }
            if (perCamp.stream().anyMatch(t -> t.voting() == 0)) {
                unranked++;
            } else {
                rows.add(new Row(item.id(), item.statement(), item.kind(), Consensus.gac(perCamp), cells));
            }
        }
        rows.sort(Comparator.comparingDouble(Row::gac).reversed().thenComparingLong(Row::itemId));
        return new Page(camps, rows, unranked, computedAt, null);
    }
}
