package mmapbench.rounds;

import org.openjdk.jmh.runner.RunnerException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Runs legs as rounds, and measures more only where it decides something.
 *
 * <p>A round is one fork of every row of a leg, in an order shuffled per round
 * ({@link RoundOrder}): drift over a leg and a host's episodes fall on every API alike, and the
 * rows of a round pair (the round is a block), so a ratio's interval is over rounds. First every
 * leg gets its minimum rounds (every question gets an answer however short the budget). Then each
 * group whose decisive pair is still undecided ({@link Judge}) gets the rounds its spread so far
 * says would decide it, with a margin for a spread from few rounds, up to the cap, the cheapest
 * first (those that evict the files last), while the budget lasts ({@link #extraRounds}); a group that
 * the cap could not decide gets none, nor does one whose partner rows ran in another leg, as rounds
 * of one leg alone would not pair with the other's. Each stop is kept in the {@link RoundsLog}.
 */
public final class AdaptiveRounds {

    /** Runs one fork of a row and keeps its result. */
    public interface Forks {
        void run(RowSpec row) throws RunnerException;
    }

    /** The groups whose decisive pair is undecided on what has been measured so far. */
    public interface Judge {
        List<Open> open();
    }

    /**
     * An undecided group.
     *
     * @param rows   every row its decisive interval is made of (its APIs and its control twins)
     * @param rounds the rounds its rows have in common
     * @param needed about how many rounds would decide it at the noise seen so far
     * @param evicts  whether its rows leave the data files out of the page cache (COLD, a memory
     *                limit): its rounds go after the other groups', so that none of theirs first
     *                reads gigabytes back in
     */
    public record Open(String group, Set<RowSpec> rows, int rounds, int needed, boolean evicts) {

        public Open(String group, Set<RowSpec> rows, int rounds, int needed) {
            this(group, rows, rounds, needed, false);
        }
    }

    /** Told after every round and once a leg has its minimum rounds. */
    public interface Listener {
        /**
         * @param keep whether what has been measured must be on disk now: a leg's minimum rounds or
         *             a group's extra rounds end with this round (the judge reads them next), or
         *             the run does. Not after every round: the whole result file, written 36 times
         *             a quick run, took most of a second each time of a five-minute budget.
         */
        void roundDone(RoundsLog log, boolean keep) throws IOException;

        void legDone(int leg) throws IOException;

        /** One line for the user: which round of which leg starts. */
        void starting(int leg, String line);
    }

    /** @param minRounds the rounds every row of the leg gets, however the budget goes (its classes' {@code @Fork}) */
    public record Leg(String label, List<RowSpec> rows, int minRounds) {
        public Leg {
            if (minRounds < 1) {
                throw new IllegalArgumentException("a leg runs at least one round");
            }
        }
    }

    /**
     * @param maxRounds no group gets more
     * @param seconds   the time rounds may take, the minimum ones included; more rounds start only
     *                  while the time they are expected to take (the last time of each of their
     *                  rows) still fits
     */
    public record Budget(int maxRounds, double seconds) {
    }

    private final List<Leg> legs;
    private final Budget budget;
    private final long seed;
    private final Random random;
    private final LongSupplier nanoTime;
    private final Map<RowSpec, Double> lastSeconds = new HashMap<>();
    private final List<List<RoundsLog.Round>> rounds = new ArrayList<>();
    private final Map<String, RoundsLog.Stop> stops = new LinkedHashMap<>();
    private long start;

    public AdaptiveRounds(List<Leg> legs, Budget budget, long seed, LongSupplier nanoTime) {
        this.legs = legs;
        this.budget = budget;
        this.seed = seed;
        this.random = new Random(seed);
        this.nanoTime = nanoTime;
        legs.forEach(l -> rounds.add(new ArrayList<>()));
    }

    /** Runs every round; returns the failure that stopped it, if any (what was done is kept by the listener). */
    public RunnerException run(Forks forks, Judge judge, Listener listener) throws IOException {
        start = nanoTime.getAsLong();
        try {
            for (int leg = 0; leg < legs.size(); leg++) {
                // A leg whose rows all ran in an earlier leg has nothing of its own to run.
                for (int r = 0; r < legs.get(leg).minRounds() && !legs.get(leg).rows().isEmpty(); r++) {
                    round(leg, legs.get(leg).rows(), "minimum", forks, listener, r == legs.get(leg).minRounds() - 1);
                }
                listener.legDone(leg);
            }
            extraRounds(forks, judge, listener);
        } catch (RunnerException e) {
            return e;
        }
        // The stops after the last round are in no round's log yet.
        listener.roundDone(log(), true);
        return null;
    }

    /**
     * The second stage (Stein's two-stage design): the groups undecided after the minimum rounds
     * are looked at once, each given the rounds its first-stage spread says would decide it, with a
     * margin (up to the cap), and looked at again only when it has them all. No group stops at the first extra
     * round that happens to decide it: two looks, each with its share of the miss chance
     * ({@code report.Looks}).
     */
    private void extraRounds(Forks forks, Judge judge, Listener listener) throws RunnerException, IOException {
        Map<String, Open> going = new LinkedHashMap<>();
        Map<String, Integer> target = new HashMap<>();
        Map<String, Integer> measured = new HashMap<>();
        for (Open g : judge.open()) {
            int leg = home(g);
            if (leg < 0) {
                continue;
            }
            if (!legs.get(leg).rows().containsAll(g.rows())) {
                stop(g, "elsewhere", "its partner rows ran in another leg, and rounds of this leg alone would not"
                        + " pair with theirs");
            } else if (g.rounds() >= budget.maxRounds()) {
                stop(g, "cap", "the cap of " + budget.maxRounds() + " rounds");
            } else if (g.needed() > budget.maxRounds()) {
                stop(g, "hopeless", "about " + g.needed() + " rounds would decide it, more than the cap of "
                        + budget.maxRounds() + ": find out why its rows vary between rounds");
            } else {
                going.put(g.group(), g);
                // More than the spread asks for, within the cap: a spread from a few rounds is most
                // often smaller than the true one (its variance, over the true, is a chi-square over
                // its degrees of freedom: a median of 0.69 for 3 rounds), and a second look that its
                // rounds leave just short decides nothing. So the rounds it asks for over that median.
                target.put(g.group(), Math.min(budget.maxRounds(), Math.max(g.rounds() + 1,
                        (int) Math.ceil(g.needed() / typicalVarianceShare(g.rounds())))));
                measured.put(g.group(), g.rounds());
            }
        }
        // Cheapest to decide first: a group whose remaining rounds do not all fit in what is left of
        // the budget gets none (a second look short of its rounds would decide nothing), and the
        // time goes to the groups it can decide. The groups that evict the files go last, so that
        // no cached group's round has to read its file back in after them.
        List<Open> order = new ArrayList<>(going.values());
        order.sort(java.util.Comparator.comparing(Open::evicts).thenComparingDouble(g -> remaining(g, target, measured)));
        for (Open g : order) {
            double cost = remaining(g, target, measured);
            if (elapsed() + cost > budget.seconds()) {
                stop(g, "budget", String.format(Locale.ROOT, "the budget of %.0f s: the %d more rounds it would get (%s)"
                                + " would take about %.0f s, %.0f s were left", budget.seconds(),
                        target.get(g.group()) - measured.get(g.group()), asked(going.get(g.group()), target), cost,
                        Math.max(0, budget.seconds() - elapsed())));
                continue;
            }
            while (measured.get(g.group()) < target.get(g.group())) {
                round(home(g), List.copyOf(g.rows()), "extra", forks, listener,
                        measured.get(g.group()) + 1 == target.get(g.group()));
                measured.merge(g.group(), 1, Integer::sum);
            }
        }
        // The second look: a group its extra rounds did not decide says so.
        for (Open g : judge.open()) {
            if (going.containsKey(g.group()) && !stops.containsKey(g.group())) {
                stop(g, "still open", "the " + measured.get(g.group()) + " rounds it got (" + asked(going.get(g.group()), target)
                        + ") did not decide it (about " + g.needed() + " would, at the spread it has now)");
            }
        }
    }

    /**
     * The median, over the true variance, of a variance estimated from {@code rounds} rounds
     * (chi-square with rounds − 1 degrees of freedom, over them): 0.69 for 3 rounds.
     */
    static double typicalVarianceShare(int rounds) {
        int df = Math.max(1, rounds - 1);
        return new org.apache.commons.math3.distribution.ChiSquaredDistribution(df).inverseCumulativeProbability(0.5) / df;
    }

    /** Where a group's rounds came from, by its first look ({@code first}): what its spread asked for, and the margin. */
    private static String asked(Open first, Map<String, Integer> target) {
        int spread = Math.max(first.needed(), first.rounds() + 1);
        return target.get(first.group()) > spread ? "its first rounds' spread asked for " + spread + "; with the margin for"
                + " a spread of " + first.rounds() + " rounds, " + target.get(first.group())
                : "its first rounds' spread asked for " + spread;
    }

    /** The seconds a group's remaining extra rounds are expected to take: each row's last fork, each round. */
    private double remaining(Open g, Map<String, Integer> target, Map<String, Integer> measured) {
        double round = g.rows().stream().mapToDouble(r -> lastSeconds.getOrDefault(r, 0.0)).sum();
        return round * (target.get(g.group()) - measured.get(g.group()));
    }

    /** The leg that holds most of a group's rows: where its rounds run. */
    private int home(Open g) {
        int best = -1;
        long most = 0;
        for (int leg = 0; leg < legs.size(); leg++) {
            long n = legs.get(leg).rows().stream().filter(g.rows()::contains).count();
            if (n > most) {
                most = n;
                best = leg;
            }
        }
        return best;
    }

    private void stop(Open g, String reason, String words) {
        stops.put(g.group(), new RoundsLog.Stop(g.group(), g.rounds(), reason, words));
    }

    private void round(int leg, List<RowSpec> rows, String pass, Forks forks, Listener listener, boolean keep)
            throws RunnerException, IOException {
        List<RowSpec> order = RoundOrder.of(rows, random);
        int number = rounds.get(leg).size() + 1;
        listener.starting(leg, String.format(Locale.ROOT, "leg %d of %d (%s): round %d (%s, %d rows)", leg + 1, legs.size(),
                legs.get(leg).label(), number, pass, order.size()));
        long began = nanoTime.getAsLong();
        for (RowSpec row : order) {
            long t = nanoTime.getAsLong();
            forks.run(row);
            lastSeconds.put(row, (nanoTime.getAsLong() - t) / 1e9);
        }
        rounds.get(leg).add(new RoundsLog.Round(number, pass, (nanoTime.getAsLong() - began) / 1e9,
                order.stream().map(RowSpec::label).toList()));
        listener.roundDone(log(), keep);
    }

    private double elapsed() {
        return (nanoTime.getAsLong() - start) / 1e9;
    }

    public RoundsLog log() {
        List<RoundsLog.LegRounds> out = new ArrayList<>();
        for (int i = 0; i < legs.size(); i++) {
            out.add(new RoundsLog.LegRounds(legs.get(i).label(), legs.get(i).minRounds(), List.copyOf(rounds.get(i))));
        }
        return new RoundsLog(seed, budget.maxRounds(), budget.seconds(), elapsed(), out,
                List.copyOf(stops.values()));
    }
}
