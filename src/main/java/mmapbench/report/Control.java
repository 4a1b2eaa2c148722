package mmapbench.report;

import mmapbench.file.Api;
import org.apache.commons.math3.distribution.BinomialDistribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run's own noise floor, from its control rows: each file benchmark measures one non-mapped
 * API twice ({@code fileChannel} and {@code fileChannelControl}, the same operation), so the
 * ratio of the two is 1 by construction and its 95% interval (the same method as every
 * speed-up) should contain 1 in about 19 of 20 groups. The control fails, and the verdict is not
 * to be trusted, when
 * <ul>
 * <li>more intervals miss 1 than chance allows: more than the 99th percentile of Binomial(controls,
 * 5%) (with 20 controls, 3 misses pass and 4 fail), or</li>
 * <li>any control is decided as a difference: a class other than "no clear difference" (or on its
 * border), which the same noise would produce in an API pair, or</li>
 * <li>the rows drift across their rounds' order by more than 10% ({@link Drift}); each twin runs
 * last in its round, so that such a drift also shows as a twin slower (or faster) than its row.</li>
 * </ul>
 */
public record Control(List<Pair> pairs, int misses, int allowedMisses, List<Pair> falseDifferences, Drift drift) {

    static final double FALSE_ALARM = 0.01;

    /** One same-against-same ratio: the API's time over its control twin's. */
    public record Pair(Group group, Api api, Interval interval, RatioClass verdict) {
    }

    public static Control of(List<Measured> measured) {
        return of(measured, null);
    }

    /** The control of a run of rounds ({@code log}: null for a run without one). */
    public static Control of(List<Measured> measured, mmapbench.rounds.RoundsLog log) {
        Map<Group, Measured> twins = new TreeMap<>();
        for (Measured m : measured) {
            if (m.row().control()) {
                twins.put(m.group(), m);
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (Measured m : measured) {
            Measured twin = twins.get(m.group());
            if (!m.row().control() && twin != null && m.row().api().equals(twin.row().api())) {
                Interval i = m.over(twin);
                pairs.add(new Pair(m.group(), m.row().api().orElseThrow(), i, RatioClass.of(i)));
            }
        }
        pairs.sort(Comparator.comparing(Pair::group));
        int misses = (int) pairs.stream().filter(p -> p.interval().bounded() && !p.interval().contains(1)).count();
        int allowed = pairs.isEmpty() ? 0 : new BinomialDistribution(null, pairs.size(), 1 - Interval.CONFIDENCE)
                .inverseCumulativeProbability(1 - FALSE_ALARM);
        List<Pair> wrong = pairs.stream().filter(Control::falseDifference).toList();
        return new Control(pairs, misses, allowed, wrong, Drift.of(measured, log));
    }

    /** A same-against-same pair whose interval lies wholly outside "no clear difference". */
    static boolean falseDifference(Pair p) {
        return switch (p.verdict()) {
            case TEN_X, FASTER, REVERSED -> true;
            case BORDERLINE -> RatioClass.of(p.interval().low()) != RatioClass.SAME
                    && RatioClass.of(p.interval().high()) != RatioClass.SAME;
            case SAME, UNDECIDED -> false;
        };
    }

    public boolean present() {
        return !pairs.isEmpty();
    }

    public boolean passed() {
        return checked() && misses <= allowedMisses && falseDifferences.isEmpty() && !drift.fails();
    }

    /** Whether any control pair has an interval: a run of one round has none, and its noise is unknown. */
    public boolean checked() {
        return pairs.stream().anyMatch(p -> p.interval().bounded());
    }

    /**
     * The noise floor: the median half-width of the controls' 95% intervals, as a fraction. Two
     * APIs closer than this cannot be told apart in this run.
     */
    public double floor() {
        double[] w = pairs.stream().filter(p -> p.interval().bounded())
                .mapToDouble(p -> Math.sqrt(p.interval().width()) - 1).sorted().toArray();
        return w.length == 0 ? Double.NaN : w.length % 2 == 1 ? w[w.length / 2] : (w[w.length / 2 - 1] + w[w.length / 2]) / 2;
    }

    /** The control line(s) of the report, in words. */
    public String summary() {
        if (!present()) {
            return "No control rows in this run (the same API measured twice, `fileChannelControl`): this run's noise"
                    + " floor is unknown, and nothing checks that its intervals are honest.";
        }
        double lo = pairs.stream().mapToDouble(p -> p.interval().ratio()).min().orElseThrow();
        double hi = pairs.stream().mapToDouble(p -> p.interval().ratio()).max().orElseThrow();
        String s = String.format(Locale.ROOT, "Control: fileChannel measured twice in %d groups: ratios %s–%s,"
                        + " noise floor ±%.0f%% (median half-width of their 95%% intervals); %d of %d intervals miss 1"
                        + " (up to %d may by chance)", pairs.size(), Numbers.fmt(lo), Numbers.fmt(hi), 100 * floor(),
                misses, pairs.size(), allowedMisses);
        s += "; drift across a round: " + drift.words();
        if (passed()) {
            return s + ": **passed**.";
        }
        List<String> why = new ArrayList<>();
        if (!checked()) {
            why.add("no control pair has an interval (one round), so this run's noise is unknown");
        }
        if (misses > allowedMisses) {
            why.add("more intervals miss 1 than chance allows, so the intervals are narrower than the run's real noise");
        }
        if (drift.fails()) {
            why.add("the rows drift across their rounds by more than " + Numbers.fmt(Drift.LIMIT) + "x, so a row's"
                    + " place in its round sets its time");
        }
        for (Pair p : falseDifferences) {
            why.add(String.format(Locale.ROOT, "%s %s: the API against itself comes out %sx [%s–%s], %s",
                    p.group().question().label(), p.group().label(), Numbers.fmt(p.interval().ratio()),
                    Numbers.fmt(p.interval().low()), Numbers.fmt(p.interval().high()), p.verdict().label));
        }
        return s + ": **FAILED**: " + String.join("; ", why) + ".";
    }
}
