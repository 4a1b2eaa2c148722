package mmapbench.cli;

import mmapbench.rounds.AdaptiveRounds;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;

/**
 * How a run measures in rounds: each leg's minimum (its classes' {@code @Fork}), the cap and the
 * time budget (the profile's, or {@code --budget}), and the seed of the shuffled orders (new each
 * run unless {@code --seed} repeats one; kept in the rounds file). The user's {@code -f N} is JMH's
 * own meaning, N forks a row: N rounds, no more (with one, no ratio has an interval, and the
 * report says so).
 */
record Rounds(AdaptiveRounds.Budget budget, long seed, Integer userForks) {

    static Rounds of(Arguments a, CommandLineOptions user) throws UsageException {
        Integer forks = user.getForkCount().hasValue() ? user.getForkCount().get() : null;
        if (forks != null && forks < 1) {
            throw new UsageException("-f " + forks + ": every row needs a fork, and each fork is one round: give -f 1"
                    + " or more (or leave -f out: the classes' @Fork, then more rounds where they decide something)");
        }
        double seconds = a.budgetSeconds() != null ? a.budgetSeconds() : a.profile().budgetSeconds;
        int cap = forks != null ? forks : a.profile().maxRounds;
        long seed = a.seed() != null ? a.seed() : new SecureRandom().nextLong();
        return new Rounds(new AdaptiveRounds.Budget(cap, seconds), seed, forks);
    }

    /** A leg's minimum rounds: the user's -f, else the most any of its benchmarks' @Fork asks (2 at least). */
    int minRounds(LegPlanner.Planned p) {
        if (userForks != null) {
            return userForks;
        }
        int most = 2;
        for (BenchmarkListEntry e : p.benchmarks()) {
            most = Math.max(most, e.getForks().orElse(2));
        }
        return most;
    }

    String describe(List<LegPlanner.Planned> plan) {
        if (userForks != null) {
            return String.format(Locale.ROOT, "rounds: %d per row (-f %d: one fork of every row of a leg each, in a"
                    + " shuffled order%s); order seed %d (--seed %d repeats the orders)", userForks, userForks,
                    userForks == 1 ? "; with one round no ratio has an interval" : "", seed, seed);
        }
        String minimum = plan.stream().map(this::minRounds).distinct().sorted().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(" or "));
        return String.format(Locale.ROOT, "rounds: %s per row (each leg's @Fork; a round is one fork of every row of"
                        + " a leg, in a shuffled order), then more for the groups still undecided, up to %d, while the"
                        + " budget of %.0f s lasts (--budget); order seed %d (--seed %d repeats the orders)", minimum,
                budget.maxRounds(), budget.seconds(), seed, seed);
    }
}
