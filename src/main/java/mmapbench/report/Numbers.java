package mmapbench.report;

import java.util.Locale;

/** How the report writes a number: three significant digits or so, and "n/a" for a metric the run lacks. */
public final class Numbers {

    private Numbers() {
    }

    public static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }
}
