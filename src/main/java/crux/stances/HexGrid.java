package crux.stances;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pointy-top hexagonal bins in axial coordinates (q, r), as the opinion map draws density: a bin of size s (centre to
 * corner) centred at (s·√3·(q + r/2), s·1.5·r). Hexagons tile the plane with every neighbour at the same distance, so
 * a density reads evenly in every direction, unlike squares.
 */
final class HexGrid {

    static final double SQRT3 = Math.sqrt(3);

    /** One bin. */
    record Hex(int q, int r) {
    }

    private HexGrid() {
    }

    /** The bin holding point (x, y): the fractional axial coordinates rounded in cube space (x + y + z = 0). */
    static Hex of(double x, double y, double size) {
        double q = (SQRT3 / 3 * x - y / 3) / size;
        double r = (2.0 / 3 * y) / size;
        double s = -q - r;
        long rq = Math.round(q);
        long rr = Math.round(r);
        long rs = Math.round(s);
        double dq = Math.abs(rq - q);
        double dr = Math.abs(rr - r);
        double ds = Math.abs(rs - s);
        if (dq > dr && dq > ds) {
            rq = -rr - rs;
        } else if (dr > ds) {
            rr = -rq - rs;
        }
        return new Hex((int) rq, (int) rr);
    }

    /** The centre of {@code hex}: {x, y}. */
    static double[] centre(Hex hex, double size) {
        return new double[] {size * SQRT3 * (hex.q() + hex.r() / 2.0), size * 1.5 * hex.r()};
    }

    /** The six corners of {@code hex}, from the upper right clockwise in a y-up plane: {x, y} each. */
    static List<double[]> corners(Hex hex, double size) {
        double[] c = centre(hex, size);
        List<double[]> out = new ArrayList<>(6);
        for (int i = 0; i < 6; i++) {
            double angle = Math.toRadians(30 - 60 * i);
            out.add(new double[] {c[0] + size * Math.cos(angle), c[1] + size * Math.sin(angle)});
        }
        return out;
    }

    /**
     * The convex hull of {@code points} (Andrew's monotone chain), counter-clockwise from the lowest-leftmost point,
     * without collinear points; fewer than three distinct points come back as they are (deduplicated).
     */
    static List<double[]> hull(List<double[]> points) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        List<double[]> unique = new ArrayList<>();
        for (double[] p : sorted) {
            if (unique.isEmpty() || !near(unique.get(unique.size() - 1), p)) {
                unique.add(p);
            }
        }
        if (unique.size() < 3) {
            return unique;
        }
        double[][] h = new double[2 * unique.size()][];
        int n = 0;
        for (double[] p : unique) {
            while (n >= 2 && cross(h[n - 2], h[n - 1], p) <= 1e-12) {
                n--;
            }
            h[n++] = p;
        }
        for (int i = unique.size() - 2, lower = n + 1; i >= 0; i--) {
            double[] p = unique.get(i);
            while (n >= lower && cross(h[n - 2], h[n - 1], p) <= 1e-12) {
                n--;
            }
            h[n++] = p;
        }
        List<double[]> out = new ArrayList<>(n - 1);
        for (int i = 0; i < n - 1; i++) {
            out.add(h[i]);
        }
        return out;
    }

    private static boolean near(double[] a, double[] b) {
        return Math.abs(a[0] - b[0]) < 1e-9 && Math.abs(a[1] - b[1]) < 1e-9;
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
