package mmapbench.report;

import java.util.List;

/**
 * One row's time per operation on the log scale, fork by fork. JMH's forks are separate JVMs,
 * and on this suite's machines they differ more than the iterations within one do (JIT,
 * page-cache and file layout of each trial), so a fork, not an iteration, is the independent
 * sample: the row's estimate is the mean of its forks' log means, and its own variance is the
 * sample variance of those fork means, which estimates
 * {@code Var(fork mean) = σ²_between + σ²_within / n} with {@code forks - 1} degrees of freedom.
 *
 * @param logMean     mean over forks of log(fork's mean time per op)
 * @param forks       how many forks had data
 * @param ownVariance sample variance of the log fork means (NaN with one fork)
 * @param floor       σ²_within / n from the iterations: the least {@code Var(fork mean)} can be
 *                    (NaN with one iteration per fork)
 * @param forkLogMeans log(fork's mean time per op), fork by fork: round by round in a run of rounds
 */
public record Spread(double logMean, int forks, double ownVariance, double floor, List<Double> forkLogMeans) {

    public static Spread of(List<List<Double>> raw) {
        List<List<Double>> forks = raw.stream().filter(f -> f.stream().allMatch(x -> x > 0 && Double.isFinite(x)))
                .filter(f -> !f.isEmpty()).toList();
        int k = forks.size();
        if (k == 0) {
            return new Spread(Double.NaN, 0, Double.NaN, Double.NaN, roundByRound(raw));
        }
        double[] means = new double[k];
        double within = 0;
        int withinDf = 0;
        double n = 0;
        for (int f = 0; f < k; f++) {
            List<Double> it = forks.get(f);
            means[f] = Math.log(it.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
            double m = it.stream().mapToDouble(Math::log).average().orElseThrow();
            for (double x : it) {
                within += (Math.log(x) - m) * (Math.log(x) - m);
            }
            withinDf += it.size() - 1;
            n += it.size();
        }
        n /= k;
        double mean = 0;
        for (double m : means) {
            mean += m / k;
        }
        double own = Double.NaN;
        if (k >= 2) {
            own = 0;
            for (double m : means) {
                own += (m - mean) * (m - mean) / (k - 1);
            }
        }
        double floor = withinDf > 0 ? within / withinDf / n : Double.NaN;
        return new Spread(mean, k, own, floor, roundByRound(raw));
    }

    /** Each fork's log mean in its place, NaN for a fork without usable data: a pair of rows pairs fork i with fork i. */
    private static List<Double> roundByRound(List<List<Double>> raw) {
        return raw.stream().map(f -> f.isEmpty() || !f.stream().allMatch(x -> x > 0 && Double.isFinite(x)) ? Double.NaN
                : Math.log(f.stream().mapToDouble(Double::doubleValue).average().orElseThrow())).toList();
    }

    /** Degrees of freedom of {@link #ownVariance()}. */
    public int ownDf() {
        return Math.max(0, forks - 1);
    }

    /**
     * The own variance, never below what the iterations alone show: two forks that happen to
     * agree closely do not make a row more precise than its iterations (the floor only widens).
     */
    public double flooredVariance() {
        if (Double.isNaN(ownVariance)) {
            return ownVariance;
        }
        double v = Double.isNaN(floor) ? ownVariance : Math.max(ownVariance, floor);
        return Math.max(v, 1e-12);
    }
}
