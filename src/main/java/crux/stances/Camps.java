package crux.stances;

import crux.core.Stance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Camps (PRODUCT §2): members grouped by how they voted across all items, Polis style. The member ×
 * item matrix (agree +1, unsure 0, disagree −1, not voted missing) is reduced by {@link Pca} to two
 * components, with missing votes imputed as the item's mean; then {@link KMeans} clusters the members
 * for k = 2…5 and the k with the best {@linkplain Silhouette mean silhouette} wins (ties to the smaller
 * k: fewer camps are easier to read). Camps are numbered by size, largest first (ties by lowest member
 * id), so numbering is stable for display. Everything is seeded: the same votes give the same camps.
 *
 * <p>If every qualifying member sits at the same point (everyone voted alike) there is nothing to split,
 * and the result is one camp, k = 1.
 *
 * <p>Unlike Polis, projections are not rescaled by √(items / votes cast) to push sparse voters out of the
 * centre: requiring {@link #MIN_VOTES} keeps imputation modest for the twenty-odd items of one article.
 * Cost: the silhouette is O(m²) in members m, fine for a few thousand; run it off the request path.
 *
 * @param k      the number of camps
 * @param campOf camp index 0..k−1 of every clustered member, by member id (ascending)
 */
public record Camps(int k, Map<Long, Integer> campOf) {

    /** Fewer votes than this place a member by imputed guesses more than by what they said. */
    public static final int MIN_VOTES = 5;
    /** Below this, "camps" would be one or two people each: not a pattern worth showing. */
    public static final int MIN_MEMBERS = 6;
    /** Two camps is the least that is a division; more than five is more than a reader can hold in mind. */
    static final int MIN_K = 2;
    static final int MAX_K = 5;
    /** Polis's map is two-dimensional; two components keep the clusters explainable and drawable. */
    static final int COMPONENTS = 2;
    /** Fixed so that camps never change on a reload unless votes did (the article's publication date). */
    static final long SEED = 20250325L;

    public Camps {
        if (k < 1 || campOf.values().stream().anyMatch(c -> c < 0 || c >= k)) {
            throw new IllegalArgumentException("camps must be numbered 0..k-1 with k >= 1");
        }
        campOf = Collections.unmodifiableMap(new TreeMap<>(campOf));
    }

    /** The members of camp {@code camp}, ascending by id. */
    public List<Long> members(int camp) {
        return campOf.entrySet().stream().filter(e -> e.getValue() == camp).map(Map.Entry::getKey).toList();
    }

    /**
     * Camps from all current votes (one per member and item), or empty when fewer than
     * {@link #MIN_MEMBERS} members have voted on at least {@link #MIN_VOTES} items — "not enough data".
     * Members with fewer votes are left out of every camp.
     */
    public static Optional<Camps> of(List<Vote> votes) {
        return analyse(votes).map(Analysis::camps);
    }

    /**
     * The camps with the projection they were found in: {@code members} and {@code items} ascending by id, the rows
     * and columns of {@code projection}'s points and loadings.
     */
    record Analysis(Camps camps, List<Long> members, List<Long> items, Pca.Result projection) {
    }

    /** {@link #of}, keeping the projection (what the opinion map draws). */
    static Optional<Analysis> analyse(List<Vote> votes) {
        Map<Long, Map<Long, Stance>> byMember = new TreeMap<>();
        for (Vote v : votes) {
            if (byMember.computeIfAbsent(v.memberId(), m -> new TreeMap<>()).put(v.itemId(), v.stance()) != null) {
                throw new IllegalArgumentException("two votes of member " + v.memberId() + " on item " + v.itemId());
            }
        }
        byMember.values().removeIf(items -> items.size() < MIN_VOTES);
        if (byMember.size() < MIN_MEMBERS) {
            return Optional.empty();
        }
        List<Long> members = new ArrayList<>(byMember.keySet());
        List<Long> items = new ArrayList<>(new TreeSet<>(byMember.values().stream().flatMap(m -> m.keySet().stream())
                .toList()));
        Pca.Result projection = Pca.analyse(matrix(byMember), COMPONENTS, SEED);
        return Optional.of(new Analysis(cluster(members, projection.points()), members, items, projection));
    }

    /**
     * The member × item matrix of vote values, members and items ascending by id, NaN where a member did not vote
     * (PCA imputes those as the item's mean: not voting is not "unsure", which is 0).
     */
    static double[][] matrix(Map<Long, Map<Long, Stance>> byMember) {
        List<Long> members = new ArrayList<>(byMember.keySet());
        List<Long> items = new ArrayList<>(new TreeSet<>(byMember.values().stream().flatMap(m -> m.keySet().stream()).toList()));
        double[][] matrix = new double[members.size()][items.size()];
        for (int m = 0; m < members.size(); m++) {
            Arrays.fill(matrix[m], Double.NaN);
            for (Map.Entry<Long, Stance> e : byMember.get(members.get(m)).entrySet()) {
                matrix[m][Collections.binarySearch(items, e.getKey())] = e.getValue().value();
            }
        }
        return matrix;
    }

    private static Camps cluster(List<Long> members, double[][] points) {
        int[] best = new int[points.length];
        double bestSilhouette = Double.NEGATIVE_INFINITY;
        // at least MIN_MEMBERS (more than MAX_K) points: MAX_K camps never leave a camp without a point
        int maxK = Math.min(MAX_K, distinct(points));
        for (int k = MIN_K; k <= maxK; k++) {
            int[] assignment = KMeans.cluster(points, k, new Random(SEED + k));
            double silhouette = Silhouette.mean(points, assignment, k);
            if (silhouette > bestSilhouette) {
                bestSilhouette = silhouette;
                best = assignment;
            }
        }
        return numberedBySize(members, best);
    }

    private static int distinct(double[][] points) {
        Set<List<Double>> seen = new HashSet<>();
        for (double[] p : points) {
            seen.add(List.of(p[0], p[1]));
        }
        return seen.size();
    }

    /** Renumbers clusters 0.. by size descending, then by lowest member; drops empty ones. */
    private static Camps numberedBySize(List<Long> members, int[] assignment) {
        int labels = Arrays.stream(assignment).max().orElse(0) + 1;
        int[] size = new int[labels];
        int[] first = new int[labels];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int i = 0; i < assignment.length; i++) {
            size[assignment[i]]++;
            first[assignment[i]] = Math.min(first[assignment[i]], i);
        }
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < labels; c++) {
            if (size[c] > 0) {
                order.add(c);
            }
        }
        order.sort((a, b) -> size[a] != size[b] ? Integer.compare(size[b], size[a]) : Integer.compare(first[a],
                first[b]));
        Map<Long, Integer> campOf = new TreeMap<>();
        for (int i = 0; i < assignment.length; i++) {
            campOf.put(members.get(i), order.indexOf(assignment[i]));
        }
        return new Camps(order.size(), campOf);
    }
}
