package mmapbench.report;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The ratio of two rows' times per operation ({@code numerator / denominator}) with its 95%
 * interval, computed on the log scale so that it can never reach 0 or infinity: log ratio =
 * difference of the rows' mean log fork means; its standard error from both rows' moderated
 * fork-mean variances ({@link Prior}); a t quantile with Welch–Satterthwaite degrees of freedom;
 * then exponentiated. NaN throughout when a row has no fork-to-fork variation to go by (one
 * fork in a leg where no row has two).
 *
 * @param forks the fewer forks of the two rows
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
