package mmapbench.tail;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * How many times as long one API's percentile is as another's, with a 95% interval, from forks
 * paired by index: fork i of one row against fork i of the other (the runner makes fork i of
 * every row of a leg the same round, run close together in time, so a pair shares the machine's
 * state of that moment). The ratio is the mean of the per-pair log ratios, the interval Student's
 * t over those pairs, back on the ratio scale; nothing is pooled across rows or groups.
 *
 * <p>A class of its own so that the shared paired-round helper can replace it in one place.
 *
 * @param ratio the geometric mean of the paired ratios; NaN with no pair
 * @param low   the interval's lower end; NaN with fewer than two pairs
 * @param high  the interval's upper end; NaN with fewer than two pairs
 * @param pairs how many forks were paired
 */
public record TailRatio(double ratio, double low, double high, int pairs) {

    public static final double CONFIDENCE = 0.95;

    /**
     * {@code slow[i] / fast[i]} over the forks both have (the shorter array sets the count);
     * a fork without the value (NaN, or not above 0) leaves its pair out.
     */
    public static TailRatio paired(double[] slow, double[] fast) {
        int n = Math.min(slow.length, fast.length);
        double[] logs = new double[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (slow[i] > 0 && fast[i] > 0) {
                logs[k++] = Math.log(slow[i] / fast[i]);
            }
        }
        if (k == 0) {
            return new TailRatio(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = 0;
        for (int i = 0; i < k; i++) {
            mean += logs[i];
        }
        mean /= k;
        if (k < 2) {
            return new TailRatio(Math.exp(mean), Double.NaN, Double.NaN, k);
        }
        double squares = 0;
        for (int i = 0; i < k; i++) {
            squares += (logs[i] - mean) * (logs[i] - mean);
        }
        double half = new TDistribution(null, k - 1).inverseCumulativeProbability(0.5 + CONFIDENCE / 2)
                * Math.sqrt(squares / (k - 1) / k);
        return new TailRatio(Math.exp(mean), Math.exp(mean - half), Math.exp(mean + half), k);
    }

    /** Whether the interval excludes 1 (no difference). */
    public boolean decided() {
        return low > 1 || high < 1;
    }
}
