package mmapbench.report;

import java.util.Locale;

/**
 * What a speed-up (the non-mapped API's time / the mapped API's) says, from its 95% interval.
 * An interval inside one class gives that class. An interval that straddles a threshold but pins
 * the ratio within {@link #BORDER_WIDTH} (high / low) is an answer too: {@link #BORDERLINE}, the
 * ratio is about on the threshold, and no amount of measuring moves it off. Anything else is
 * {@link #UNDECIDED}: too noisy to say, with what would decide it.
 */
public enum RatioClass {
    TEN_X("≈10x or more"),
    FASTER("mapped faster, well short of 10x"),
    SAME("no clear difference"),
    REVERSED("reversed, streams faster"),
    BORDERLINE("on the border"),
    UNDECIDED("undecided: too noisy to say");

    public static final double TEN_X_MIN = 7.5;
    public static final double FASTER_MIN = 1.25;
    public static final double SAME_MIN = 0.8;
    /** The widest interval (high / low) that still counts as pinning a ratio onto a threshold. */
    public static final double BORDER_WIDTH = 1.2;

    static final double[] THRESHOLDS = {SAME_MIN, FASTER_MIN, TEN_X_MIN};

    public static final String DESCRIPTION = String.format(Locale.ROOT,
            "≈10x or more: %.2f and above; mapped faster, well short of 10x: %.2f to %.2f; no clear difference:"
                    + " %.2f to %.2f; reversed, streams faster: below %.2f; on the border: the interval straddles a"
                    + " threshold but is narrow (high/low ≤ %.1f), the ratio is about on it; undecided: too noisy to"
                    + " say", TEN_X_MIN, FASTER_MIN, TEN_X_MIN, SAME_MIN, FASTER_MIN, SAME_MIN, BORDER_WIDTH);

    public final String label;

    RatioClass(String label) {
        this.label = label;
    }

    /** The class a single ratio falls in (one of the four ranges). */
    public static RatioClass of(double ratio) {
        if (ratio >= TEN_X_MIN) {
            return TEN_X;
        }
        if (ratio >= FASTER_MIN) {
            return FASTER;
        }
        if (ratio >= SAME_MIN) {
            return SAME;
        }
        return REVERSED;
    }

    public static RatioClass of(Interval i) {
        if (!i.bounded()) {
            return UNDECIDED;
        }
        RatioClass low = of(i.low());
        RatioClass high = of(i.high());
        if (low == high) {
            return low;
        }
        return i.width() <= BORDER_WIDTH ? BORDERLINE : UNDECIDED;
    }

    /** The threshold nearest to a ratio (on the log scale). */
    static double nearestThreshold(double ratio) {
        double best = THRESHOLDS[0];
        for (double t : THRESHOLDS) {
            if (Math.abs(Math.log(ratio / t)) < Math.abs(Math.log(ratio / best))) {
                best = t;
            }
        }
        return best;
    }
}
