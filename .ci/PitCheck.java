import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads PIT's mutations.xml, prints the mutation score of every class and overall, and exits 1 when any one class
 * is below the per-class minimum (PIT itself only checks the overall score). Run as a single source file:
 * {@code java .ci/PitCheck.java target/pit-reports/mutations.xml 80}. The score counts mutants as PIT does:
 * detected (killed, timed out, memory or run error) over all mutants, those no test reaches included.
 */
public final class PitCheck {

    /** Killed, survived and never reached by a test, of one class. */
    private static final class Counts {
        int total;
        int detected;
        int survived;
        int noCoverage;

        void add(boolean isDetected, String status) {
            total++;
            if (isDetected) {
                detected++;
            } else if (status.equals("NO_COVERAGE")) {
                noCoverage++;
            } else {
                survived++;
            }
        }

        double percent() {
            return total == 0 ? 100 : 100.0 * detected / total;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java .ci/PitCheck.java MUTATIONS_XML MIN_PERCENT_PER_CLASS");
            System.exit(2);
        }
        File report = new File(args[0]);
        double minimum = Double.parseDouble(args[1]);
        if (!report.isFile()) {
            System.err.println("PIT check: no report at " + report + " (did the mutation run start?)");
            System.exit(1);
        }
        NodeList mutations = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report)
                .getElementsByTagName("mutation");
        Map<String, Counts> byClass = new TreeMap<>();
        Counts overall = new Counts();
        for (int i = 0; i < mutations.getLength(); i++) {
            Element m = (Element) mutations.item(i);
            String cls = m.getElementsByTagName("mutatedClass").item(0).getTextContent();
            // nested and lambda classes (Foo$Bar) count towards the class they are written in
            int nested = cls.indexOf('$');
            String owner = nested < 0 ? cls : cls.substring(0, nested);
            boolean detected = Boolean.parseBoolean(m.getAttribute("detected"));
            String status = m.getAttribute("status");
            byClass.computeIfAbsent(owner, k -> new Counts()).add(detected, status);
            overall.add(detected, status);
        }
        System.out.println("Mutation score per class (PIT; minimum " + fmt(minimum) + " % each):");
        System.out.printf("  %-40s %8s %7s %9s %12s %7s%n", "class", "mutants", "killed", "survived", "no coverage",
                "score");
        StringBuilder below = new StringBuilder();
        for (Map.Entry<String, Counts> e : byClass.entrySet()) {
            Counts c = e.getValue();
            boolean low = c.percent() < minimum;
            System.out.printf("  %-40s %8d %7d %9d %12d %6s%%%s%n", e.getKey(), c.total, c.detected, c.survived,
                    c.noCoverage, fmt(c.percent()), low ? "  <-- below " + fmt(minimum) + " %" : "");
            if (low) {
                below.append(below.length() == 0 ? "" : ", ").append(e.getKey()).append(" (")
                        .append(fmt(c.percent())).append(" %)");
            }
        }
        System.out.printf("  %-40s %8d %7d %9d %12d %6s%%%n", "OVERALL", overall.total, overall.detected,
                overall.survived, overall.noCoverage, fmt(overall.percent()));
        if (overall.total == 0) {
            System.err.println("PIT check FAILED: the report holds no mutants");
            System.exit(1);
        }
        if (below.length() > 0) {
            System.err.println("PIT check FAILED: below " + fmt(minimum) + " % of mutants killed: " + below
                    + ". Add tests that kill the survivors (see target/pit-reports/index.html).");
            System.exit(1);
        }
        System.out.println("PIT check passed: every class at " + fmt(minimum) + " % or more.");
    }

    private static String fmt(double percent) {
        return String.format(java.util.Locale.ROOT, "%.1f", percent);
    }
}
