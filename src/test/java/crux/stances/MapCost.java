package crux.stances;

import crux.core.Stance;
import crux.forecasts.Forecast;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The camp job's CPU cost per article, measured rather than asserted (docs/BENCHMARKS.md records a run): 100,000
 * stances (5,000 members × 20 items, three loose camps with noise) through the whole computation the job runs — PCA,
 * k-means for every k, silhouettes, labels and the map with its per-camp forecasts — on the current thread's CPU clock.
 * Run: {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) crux.stances.MapCost}.
 */
public final class MapCost {

    private MapCost() {
    }

    public static void main(String[] args) {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Random random = new Random(1);
        List<Vote> votes = new ArrayList<>();
        Map<Long, List<Forecast>> forecasts = new HashMap<>();
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (long m = 1; m <= members; m++) {
            int camp = (int) (m % 3);
            for (long i = 1; i <= items; i++) {
                double lean = ((i + camp) % 3 == 0) ? 0.8 : ((i + camp) % 3 == 1) ? -0.8 : 0;
                double v = lean + random.nextGaussian() * 0.6;
                votes.add(new Vote(m, i, v > 0.33 ? Stance.AGREE : v < -0.33 ? Stance.DISAGREE : Stance.UNSURE));
            }
            if (m % 5 == 0) {
                forecasts.computeIfAbsent(1L, k -> new ArrayList<>()).add(new Forecast(m, t.plusSeconds(m),
                        1 + (int) (m % 99)));
            }
        }
        List<Long> itemIds = new ArrayList<>();
        for (long i = 1; i <= items; i++) {
            itemIds.add(i);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Map<Long, Integer> before = Map.of();
        for (int run = 1; run <= 6; run++) {
            long started = cpu.getCurrentThreadCpuTime();
            Camps.Analysis a = Camps.analyse(votes).orElseThrow();
            int[] labels = CampLabels.match(a.camps(), before);
            OpinionMap map = OpinionMap.build(a, votes, labels, itemIds, forecasts);
            long took = cpu.getCurrentThreadCpuTime() - started;
            Map<Long, Integer> next = new HashMap<>();
            a.camps().campOf().forEach((m, c) -> next.put(m, labels[c]));
            before = next;
            System.out.printf("run %d: %d stances, %d members, %d camps, %d bins: %d ms CPU%n", run, votes.size(),
                    a.members().size(), a.camps().k(), map.bins().size(), took / 1_000_000);
        }
    }
}
