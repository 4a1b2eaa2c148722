package mmapbench.report;

import mmapbench.rounds.RoundsLog;
import mmapbench.rounds.RowSpec;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the rows of a round got slower (or faster) the later they ran in it: a drift across the
 * round that the shuffled order spreads over every API as noise, and that a verdict should not
 * stand on unseen. Every row's round values are compared with its own mean (so rows of any speed
 * count alike), against where in its round it ran (0 first, 1 last), and the common slope is
 * estimated by least squares within rows, with its 95% interval. The control fails when the whole
 * interval is beyond ±{@link #LIMIT} over a round.
 *
 * @param change the factor by which a row's time changes from a round's first place to its last
 * @param low    and {@code high}: its 95% interval
 * @param points the round values it is estimated from (0: the run has no rounds file)
 */
public record Drift(double change, double low, double high, int points) {

    /** The drift over a round that fails the control: 10%, beyond any noise floor a verdict could stand on. */
    static final double LIMIT = 1.10;

    static final Drift NONE = new Drift(Double.NaN, Double.NaN, Double.NaN, 0);

    public static Drift of(List<Measured> measured, RoundsLog log) {
        if (log == null) {
            return NONE;
        }
        Map<String, Measured> byLabel = new HashMap<>();
        for (Measured m : measured) {
            byLabel.put(OpenGroups.spec(m.row()).label(), m);
        }
        // Per row: its (place, log value) pairs, fork i being the i-th round it ran in.
        Map<Measured, double[][]> points = new HashMap<>();
        Map<Measured, Integer> seen = new HashMap<>();
        for (RoundsLog.LegRounds leg : log.legs()) {
            for (RoundsLog.Round round : leg.rounds()) {
                int n = round.order().size();
                for (int i = 0; i < n; i++) {
                    Measured m = byLabel.get(round.order().get(i));
                    if (m == null) {
                        continue;
                    }
                    int fork = seen.merge(m, 1, Integer::sum) - 1;
                    List<Double> logs = m.spread().forkLogMeans();
                    if (n < 3 || fork >= logs.size() || !Double.isFinite(logs.get(fork))) {
                        continue;
                    }
                    double[][] p = points.computeIfAbsent(m, k -> new double[logs.size()][]);
                    p[fork] = new double[]{i / (n - 1.0), logs.get(fork)};
                }
            }
        }
        // Within rows: each row's places and values about its own means, so rows of any speed count alike.
        List<double[][]> centred = new java.util.ArrayList<>();
        int count = 0;
        for (double[][] p : points.values()) {
            List<double[]> xy = java.util.Arrays.stream(p).filter(java.util.Objects::nonNull).toList();
            if (xy.size() < 2) {
                continue;
            }
            double mx = xy.stream().mapToDouble(v -> v[0]).average().orElseThrow();
            double my = xy.stream().mapToDouble(v -> v[1]).average().orElseThrow();
            centred.add(xy.stream().map(v -> new double[]{v[0] - mx, v[1] - my}).toArray(double[][]::new));
            count += xy.size();
        }
        double sxy = 0;
        double sxx = 0;
        for (double[][] row : centred) {
            for (double[] v : row) {
                sxy += v[0] * v[1];
                sxx += v[0] * v[0];
            }
        }
        int df = count - centred.size() - 1;
        if (sxx == 0 || df < 2) {
            return NONE;
        }
        double slope = sxy / sxx;
        double ss = 0;
        for (double[][] row : centred) {
            for (double[] v : row) {
                ss += (v[1] - slope * v[0]) * (v[1] - slope * v[0]);
            }
        }
        double se = Math.sqrt(ss / df / sxx);
        double t = new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - Interval.CONFIDENCE) / 2);
        return new Drift(Math.exp(slope), Math.exp(slope - t * se), Math.exp(slope + t * se), count);
    }

    public boolean measured() {
        return points > 0;
    }

    /** A drift the whole interval of which is beyond the limit, one way or the other. */
    public boolean fails() {
        return measured() && (low > LIMIT || high < 1 / LIMIT);
    }

    public String words() {
        if (!measured()) {
            return "no rounds to look for a drift in";
        }
        return String.format(Locale.ROOT, "a row's time from a round's first place to its last: %sx (95%%: %s–%sx, %d"
                + " round values)", Numbers.fmt(change), Numbers.fmt(low), Numbers.fmt(high), points);
    }
}
