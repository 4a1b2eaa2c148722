package mmapbench.report;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a row's measurement iterations are steady, fork by fork, on the log scale. A row whose
 * iterations still move is measuring its own warm-up (JIT, page cache, file layout), not the API.
 * Two patterns are flagged, each only when it is both large and clear of the row's own noise:
 * <ul>
 * <li>a first iteration far from the rest of its fork: more than {@link #FIRST_OFF} off their mean
 * and more than {@link #FIRST_SIGMAS} of their standard deviations (pooled over the forks);</li>
 * <li>a trend: a least-squares slope across the iterations (within forks) that moves the time by more
 * than {@link #TREND_OFF} over a fork's series, with a t statistic beyond the two-sided 99% quantile.</li>
 * </ul>
 * The thresholds are set so that a steady row is not flagged by chance in a run of a few hundred
 * rows; the fix for a flagged row is more warm-up for its leg.
 */
public final class Steadiness {

    static final double FIRST_OFF = 1.5;
    static final double FIRST_SIGMAS = 4;
    static final double TREND_OFF = 1.2;
    static final String FIX = "more warm-up for this class and cache state (warm-up iterations of its leg)";

    private Steadiness() {
    }

    /** Empty when steady, else what moves. */
    public static Optional<String> check(List<List<Double>> forks) {
        List<double[]> logs = forks.stream().filter(f -> f.size() >= 3 && f.stream().allMatch(x -> x > 0))
                .map(f -> f.stream().mapToDouble(Math::log).toArray()).toList();
        if (logs.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> first = firstIteration(logs);
        return first.isPresent() ? first : trend(logs);
    }

    private static Optional<String> firstIteration(List<double[]> logs) {
        double ss = 0;
        int df = 0;
        for (double[] y : logs) {
            double m = mean(y, 1);
            for (int i = 1; i < y.length; i++) {
                ss += (y[i] - m) * (y[i] - m);
            }
            df += y.length - 2;
        }
        double sd = Math.sqrt(ss / df);
        for (int f = 0; f < logs.size(); f++) {
            double[] y = logs.get(f);
            double d = y[0] - mean(y, 1);
            if (Math.abs(d) > Math.log(FIRST_OFF) && Math.abs(d) > FIRST_SIGMAS * sd) {
                return Optional.of(String.format(Locale.ROOT,
                        "fork %d's first iteration is %.2fx the mean of the rest", f + 1, Math.exp(d)));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> trend(List<double[]> logs) {
        double sxy = 0;
        double sxx = 0;
        int points = 0;
        int n = 0;
        for (double[] y : logs) {
            double my = mean(y, 0);
            double mx = (y.length - 1) / 2.0;
            for (int i = 0; i < y.length; i++) {
                sxy += (i - mx) * (y[i] - my);
                sxx += (i - mx) * (i - mx);
            }
            points += y.length;
            n = Math.max(n, y.length);
        }
        double slope = sxy / sxx;
        double ss = 0;
        for (double[] y : logs) {
            double my = mean(y, 0);
            double mx = (y.length - 1) / 2.0;
            for (int i = 0; i < y.length; i++) {
                double r = y[i] - my - slope * (i - mx);
                ss += r * r;
            }
        }
        int df = points - logs.size() - 1;
        if (df < 2) {
            return Optional.empty();
        }
        double t = ss == 0 ? Double.POSITIVE_INFINITY : Math.abs(slope) / Math.sqrt(ss / df / sxx);
        double change = slope * (n - 1);
        double critical = new TDistribution(null, df).inverseCumulativeProbability(0.995);
        if (Math.abs(change) > Math.log(TREND_OFF) && t > critical) {
            return Optional.of(String.format(Locale.ROOT, "iterations trend: %.2fx from first to last within a fork",
                    Math.exp(change)));
        }
        return Optional.empty();
    }

    private static double mean(double[] y, int from) {
        double s = 0;
        for (int i = from; i < y.length; i++) {
            s += y[i];
        }
        return s / (y.length - from);
    }
}
