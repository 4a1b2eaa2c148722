package mmapbench.report;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.List;

/**
 * The ratio of two rows' times per operation ({@code numerator / denominator}) with its 95%
 * interval, computed on the log scale so that it can never reach 0 or infinity.
 *
 * <p>{@link #paired}, the method of every ratio the report prints: the rows' forks are rounds
 * (fork i of every row of a leg ran in round i, in a shuffled order), so the log ratio is the mean
 * over rounds of each round's log ratio, and its standard error the spread of those per-round
 * ratios over √rounds, with rounds − 1 degrees of freedom: whatever a round shares (a host's
 * episode, the drift of a leg) cancels in its ratio, and no variance is borrowed from any other
 * row. Rows from different legs pair their i-th forks too; independent of each other, the interval
 * stays honest, only as wide as an unpaired one.
 *
 * <p>{@link #of}: the method of the published runs before rounds (each row's forks back to back),
 * kept to compare the two on the same data: the rows' fork-mean variances moderated over their
 * leg ({@link Prior}), Welch–Satterthwaite degrees of freedom.
 *
 * @param forks the rounds (forks) the interval is over
 */
public record Interval(double ratio, double low, double high, double logRatio, double standardError, double df,
                       int forks) {

    public static final double CONFIDENCE = 0.95;

    public static Interval of(Spread numerator, Prior.Moderated num, Spread denominator, Prior.Moderated den) {
        double logRatio = numerator.logMean() - denominator.logMean();
        int forks = Math.min(numerator.forks(), denominator.forks());
        double a = num.variance() / numerator.forks();
        double b = den.variance() / denominator.forks();
        if (!(a >= 0) || !(b >= 0) || num.df() <= 0 || den.df() <= 0) {
            return new Interval(Math.exp(logRatio), Double.NaN, Double.NaN, logRatio, Double.NaN, 0, forks);
        }
        double se = Math.sqrt(a + b);
        double df = (a + b) * (a + b) / (a * a / num.df() + b * b / den.df());
        double t = quantile(df);
        return new Interval(Math.exp(logRatio), Math.exp(logRatio - t * se), Math.exp(logRatio + t * se), logRatio,
                se, df, forks);
    }

    /**
     * The paired ratio at 95%, {@value #CONFIDENCE} two-sided.
     */
    public static Interval paired(Spread numerator, Spread denominator) {
        return paired(numerator, denominator, (1 - CONFIDENCE) / 2, (1 - CONFIDENCE) / 2);
    }

    /**
     * The paired ratio, its low end with a one-sided miss chance of {@code lowTail} and its high
     * end of {@code highTail}: wider tails than 2.5% each make simultaneous bounds (see
     * {@link Verdict}'s decisive pair). Rounds where either row lacks data are left out; NaN ends
     * with fewer than two rounds in common. The per-round spread is never taken below what the
     * rows' own iterations show ({@link Spread#floor()}), as two rounds that agree by chance
     * would otherwise pin a ratio more tightly than the measurements can.
     */
    public static Interval paired(Spread numerator, Spread denominator, double lowTail, double highTail) {
        List<Double> a = numerator.forkLogMeans();
        List<Double> b = denominator.forkLogMeans();
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            double x = a.get(i) - b.get(i);
            if (Double.isFinite(x)) {
                d.add(x);
            }
        }
        int n = d.size();
        if (n == 0) {
            double logRatio = numerator.logMean() - denominator.logMean();
            return new Interval(Math.exp(logRatio), Double.NaN, Double.NaN, logRatio, Double.NaN, 0, 0);
        }
        double mean = d.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        if (n < 2) {
            return new Interval(Math.exp(mean), Double.NaN, Double.NaN, mean, Double.NaN, 0, n);
        }
        double variance = 0;
        for (double x : d) {
            variance += (x - mean) * (x - mean) / (n - 1);
        }
        double floor = (Double.isNaN(numerator.floor()) ? 0 : numerator.floor())
                + (Double.isNaN(denominator.floor()) ? 0 : denominator.floor());
        variance = Math.max(Math.max(variance, floor), 1e-12);
        double se = Math.sqrt(variance / n);
        double df = n - 1;
        double low = mean - upperQuantile(lowTail, df) * se;
        double high = mean + upperQuantile(highTail, df) * se;
        return new Interval(Math.exp(mean), Math.exp(low), Math.exp(high), mean, se, df, n);
    }

    /** The t quantile that {@code tail} of the distribution lies above. */
    static double upperQuantile(double tail, double df) {
        return new TDistribution(null, Math.min(df, 1e6)).inverseCumulativeProbability(1 - tail);
    }

    /** The two-sided {@link #CONFIDENCE} quantile of Student's t. */
    static double quantile(double df) {
        return new TDistribution(null, Math.min(df, 1e6)).inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
    }

    public boolean bounded() {
        return Double.isFinite(low) && Double.isFinite(high);
    }

    public boolean contains(double x) {
        return low <= x && x <= high;
    }

    /** high / low: how tightly the interval pins the ratio. */
    public double width() {
        return high / low;
    }
}
