package mmapbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A row whose rounds fall into two clusters far apart: a state fixed for a fork's life (the JIT's
 * code shape, a kernel or host state) that took one of two values, or an episode that some rounds
 * met. Its mean is then a mixture that no single fork measured, and the report says so beside the
 * verdict, with the values, instead of averaging it in silently. Found on the log scale: the
 * widest gap between the sorted round values, flagged when it is more than {@link #APART} apart
 * and more than {@link #SIGMAS} within-cluster standard deviations (never taken below what the
 * iterations show), with at least {@link #LEAST} rounds on each side: one odd round of three is an
 * outlier, which the round's pairing and the interval's width already answer for.
 *
 * @param low   the rounds (1-based) of the faster cluster
 * @param high  those of the slower one
 * @param ratio the slower cluster's mean over the faster's
 */
public record Mixture(List<Integer> low, List<Integer> high, double lowMean, double highMean, double ratio) {

    static final double APART = 1.3;
    static final double SIGMAS = 6;
    static final int LEAST = 2;

    public static Optional<Mixture> of(Spread s) {
        List<double[]> rounds = new ArrayList<>();
        for (int i = 0; i < s.forkLogMeans().size(); i++) {
            double x = s.forkLogMeans().get(i);
            if (Double.isFinite(x)) {
                rounds.add(new double[]{x, i + 1});
            }
        }
        int n = rounds.size();
        if (n < 2 * LEAST) {
            return Optional.empty();
        }
        rounds.sort((a, b) -> Double.compare(a[0], b[0]));
        int split = -1;
        double widest = 0;
        for (int k = LEAST; k <= n - LEAST; k++) {
            double gap = rounds.get(k)[0] - rounds.get(k - 1)[0];
            if (gap > widest) {
                widest = gap;
                split = k;
            }
        }
        double lowMean = mean(rounds.subList(0, split));
        double highMean = mean(rounds.subList(split, n));
        double ss = 0;
        for (int k = 0; k < n; k++) {
            double m = k < split ? lowMean : highMean;
            ss += (rounds.get(k)[0] - m) * (rounds.get(k)[0] - m);
        }
        double within = n > 2 ? ss / (n - 2) : 0;
        double sd = Math.sqrt(Math.max(within, Double.isNaN(s.floor()) ? 0 : s.floor()));
        if (widest <= Math.log(APART) || widest <= SIGMAS * sd) {
            return Optional.empty();
        }
        return Optional.of(new Mixture(rounds.subList(0, split).stream().map(r -> (int) r[1]).sorted().toList(),
                rounds.subList(split, n).stream().map(r -> (int) r[1]).sorted().toList(), Math.exp(lowMean),
                Math.exp(highMean), Math.exp(highMean - lowMean)));
    }

    private static double mean(List<double[]> xs) {
        return xs.stream().mapToDouble(x -> x[0]).average().orElse(Double.NaN);
    }

    /** "rounds 1, 3 at 76.2 ns, round 2 at 277 ns (3.64x)": for the report, in the row's time per operation. */
    public String words() {
        return String.format(Locale.ROOT, "%s at %s ns, %s at %s ns (%sx)", rounds(low), Numbers.fmt(lowMean),
                rounds(high), Numbers.fmt(highMean), Numbers.fmt(ratio));
    }

    private static String rounds(List<Integer> r) {
        return (r.size() == 1 ? "round " : "rounds ") + String.join(", ", r.stream().map(String::valueOf).toList());
    }
}
