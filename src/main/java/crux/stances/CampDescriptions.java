package crux.stances;

import crux.core.Stance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Describes each camp in words from its majority stances: the items most of it agrees with, and the one most of
 * it rejects, preferring items where it differs most from the other camps (that is what sets a camp apart; what
 * every camp accepts is common ground, shown elsewhere). Pure: votes in, sentences out.
 */
public final class CampDescriptions {

    /** Two items are enough to recognise a camp; more turns a label into a paragraph. */
    static final int AGREED_ITEMS = 2;
    static final int REJECTED_ITEMS = 1;

    /** How strongly camp members lean one way on an item, against the other camps. */
    private record Lean(long itemId, double rate, double others, boolean majority) {
        double distinctness() {
            return rate - others;
        }
    }

    private CampDescriptions() {
    }

    /** A short sentence per camp 0..k−1. {@code statements} names the items by id. */
    public static Map<Integer, String> describe(Camps camps, List<Vote> votes, Map<Long, String> statements) {
        Map<Long, Map<Long, Stance>> byItem = new TreeMap<>();
        for (Vote v : votes) {
            byItem.computeIfAbsent(v.itemId(), i -> new HashMap<>()).put(v.memberId(), v.stance());
        }
        Map<Integer, List<Lean>> agreeing = new HashMap<>();
        Map<Integer, List<Lean>> rejecting = new HashMap<>();
        for (Map.Entry<Long, Map<Long, Stance>> e : byItem.entrySet()) {
            List<Consensus.CampTally> agree = Consensus.tallies(camps.k(), camps.campOf(), e.getValue());
            // the same tally with "disagree" counted as agreement: how strongly each camp rejects the item
            Map<Long, Stance> rejection = new HashMap<>();
            e.getValue().forEach((m, s) -> rejection.put(m, s == Stance.DISAGREE ? Stance.AGREE : Stance.UNSURE));
            List<Consensus.CampTally> reject = Consensus.tallies(camps.k(), camps.campOf(), rejection);
            for (int g = 0; g < camps.k(); g++) {
                agreeing.computeIfAbsent(g, x -> new ArrayList<>()).add(lean(e.getKey(), g, agree));
                rejecting.computeIfAbsent(g, x -> new ArrayList<>()).add(lean(e.getKey(), g, reject));
            }
        }
        Map<Integer, String> out = new TreeMap<>();
        for (int g = 0; g < camps.k(); g++) {
            List<String> agreed = top(agreeing.getOrDefault(g, List.of()), AGREED_ITEMS, statements);
            List<String> rejected = top(rejecting.getOrDefault(g, List.of()), REJECTED_ITEMS, statements);
            List<String> parts = new ArrayList<>();
            if (!agreed.isEmpty()) {
                parts.add("Mostly agrees: " + String.join("; ", agreed));
            }
            if (!rejected.isEmpty()) {
                parts.add("mostly disagrees: " + String.join("; ", rejected));
            }
            String text = parts.isEmpty() ? "No clear majority on any item yet." : String.join(" — ", parts);
            out.put(g, text.length() > 1000 ? text.substring(0, 999) + "…" : text);
        }
        return out;
    }

    private static Lean lean(long itemId, int camp, List<Consensus.CampTally> tallies) {
        Consensus.CampTally mine = tallies.get(camp);
        int othersFor = 0;
        int othersVoting = 0;
        for (int g = 0; g < tallies.size(); g++) {
            if (g != camp) {
                othersFor += tallies.get(g).agreeing();
                othersVoting += tallies.get(g).voting();
            }
        }
        // smoothed rates (Laplace, as in Consensus), so one voter does not make a 100 % camp
        return new Lean(itemId, (mine.agreeing() + 1.0) / (mine.voting() + 2.0),
                (othersFor + 1.0) / (othersVoting + 2.0), 2 * mine.agreeing() > mine.voting());
    }

    /** The items a majority of the camp leans to, most distinctive first, as quoted statements. */
    private static List<String> top(List<Lean> leans, int count, Map<Long, String> statements) {
        return leans.stream()
                .filter(Lean::majority)
                .sorted(Comparator.comparingDouble(Lean::distinctness).reversed()
                        .thenComparing(Comparator.comparingDouble(Lean::rate).reversed())
                        .thenComparingLong(Lean::itemId))
                .limit(count)
                .map(l -> "\u201c" + strip(statements.getOrDefault(l.itemId(), "item " + l.itemId())) + "\u201d")
                .toList();
    }

    private static String strip(String statement) {
        return statement.endsWith(".") ? statement.substring(0, statement.length() - 1) : statement;
    }
}
