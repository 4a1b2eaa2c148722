package mmapbench.report;

import mmapbench.file.Question;
import mmapbench.rounds.AdaptiveRounds;
import mmapbench.rounds.RoundsLog;
import mmapbench.rounds.RowSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole method, rounds to classes, on a simulated machine whose truth is known, with and
 * without noise injected into the rounds: a drift across each round's order (the later a fork, the
 * slower) and host episodes (a fork now and then twice as slow). What the noise may do is widen
 * intervals, leave pairs undecided, or fail the control; what it must not do is publish a
 * confident class the truth does not have while the control passes.
 */
class InjectedNoiseTest {

    static final String CLASS = Question.RANDOM_READ.benchmark.getName() + ".";
    /** Best other over best mapped, per group: one true ratio in each class. */
    static final Map<Long, Double> FAR = Map.of(8L, 12.0, 16L, 3.0, 32L, 1.0, 64L, 0.5);
    /** Ratios close to the thresholds (0.8, 1.25, 7.5), where more looks give more chances to be wrong. */
    static final Map<Long, Double> NEAR = Map.of(8L, 8.0, 16L, 7.0, 32L, 1.32, 64L, 0.85);
    static final Looks LOOKS = new Looks(3, 8);

    record Noise(double drift, double episodeChance) {
    }

    /** The true time of an API in a group: the two mapped APIs 100 and 110 ns, the others at the group's ratio and above. */
    static double trueNanos(Map<Long, Double> truth, String method, long blockSize) {
        double best = 100 * truth.get(blockSize);
        return switch (method) {
            case "memorySegment" -> 100;
            case "mappedBuffer" -> 110;
            case "fileChannel", "fileChannelControl" -> best;
            case "randomAccessFile" -> best * 1.05;
            default -> best * 2;
        };
    }

    record Outcome(boolean controlPassed, int decisive, int decided, int wrong) {
    }

    static Outcome run(long seed, Noise noise, Map<Long, Double> truth) {
        Random rnd = new Random(seed);
        List<RowSpec> rows = new ArrayList<>();
        for (long b : truth.keySet().stream().sorted().toList()) {
            for (String m : List.of("mappedBuffer", "memorySegment", "fileChannel", "randomAccessFile", "bufferedStream")) {
                rows.add(spec(m, b));
            }
        }
        rows.add(spec("fileChannelControl", 8));
        Map<RowSpec, List<List<Double>>> forks = new LinkedHashMap<>();
        AtomicLong clock = new AtomicLong();
        int[] position = {0};
        double[] shared = {0};
        AdaptiveRounds.Forks machine = row -> {
            clock.addAndGet(1_000_000_000L);
            double drift = noise.drift() * position[0]++ / (rows.size() - 1.0);
            double episode = rnd.nextDouble() < noise.episodeChance() ? Math.log(2) : 0;
            double fork = shared[0] + 0.03 * rnd.nextGaussian() + drift + episode;
            double nanos = trueNanos(truth, row.method(), Long.parseLong(row.params().get("blockSize")));
            List<Double> iterations = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                iterations.add(nanos * Math.exp(fork + 0.02 * rnd.nextGaussian()));
            }
            forks.computeIfAbsent(row, r -> new ArrayList<>()).add(iterations);
        };
        AdaptiveRounds.Listener listener = new AdaptiveRounds.Listener() {
            @Override
            public void roundDone(RoundsLog log, boolean keep) {
            }

            @Override
            public void legDone(int leg) {
            }

            @Override
            public void starting(int leg, String line) {
                position[0] = 0;
                shared[0] = 0.05 * rnd.nextGaussian();
            }
        };
        AdaptiveRounds rounds = new AdaptiveRounds(List.of(new AdaptiveRounds.Leg("random reads", rows, 3)),
                new AdaptiveRounds.Budget(8, 1e6), seed, clock::get);
        try {
            rounds.run(machine, () -> OpenGroups.of(rows(forks), LOOKS), listener);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        List<Measured> measured = Measured.of(rows(forks));
        Control control = Control.of(measured, rounds.log());
        int decisive = 0;
        int decided = 0;
        int wrong = 0;
        for (Comparison c : Verdict.compare(measured, LOOKS)) {
            if (!c.decisive()) {
                continue;
            }
            decisive++;
            RatioClass real = RatioClass.of(truth.get(c.group().blockSize()));
            if (c.verdict() == RatioClass.UNDECIDED) {
                continue;
            }
            decided++;
            boolean right = c.verdict() == real || c.verdict() == RatioClass.BORDERLINE && c.between().contains(real);
            wrong += right ? 0 : 1;
        }
        return new Outcome(control.passed(), decisive, decided, wrong);
    }

    static RowSpec spec(String method, long blockSize) {
        return RowSpec.of(CLASS + method, "avgt", Map.of("blockSize", String.valueOf(blockSize), "cache", "WARM",
                "fileSize", "67108864"));
    }

    static List<Row> rows(Map<RowSpec, List<List<Double>>> forks) {
        List<Row> out = new ArrayList<>();
        forks.forEach((spec, f) -> out.add(Synthetic.row(Question.RANDOM_READ, spec.method(),
                Long.parseLong(spec.params().get("blockSize")), "WARM", List.copyOf(f))));
        return out;
    }

    static List<Outcome> runs(Noise noise) {
        return runs(noise, FAR);
    }

    static List<Outcome> runs(Noise noise, Map<Long, Double> truth) {
        List<Outcome> out = new ArrayList<>();
        for (long seed = 1; seed <= 60; seed++) {
            out.add(run(seed, noise, truth));
        }
        return out;
    }

    @Test
    void nearTheThresholdsTheExtraLooksMakeNoMoreWrongClassesThanTheirShare() {
        List<Outcome> runs = runs(new Noise(0, 0), NEAR);
        int decisive = runs.stream().mapToInt(Outcome::decisive).sum();
        int wrong = runs.stream().mapToInt(Outcome::wrong).sum();
        // Each decisive interval misses with at most 5% over all its looks; a wrong class needs a miss.
        assertTrue(wrong <= 0.05 * decisive, wrong + " wrong classes of " + decisive + " decisive pairs");
    }

    @Test
    void withoutInjectedNoiseTheControlPassesAndTheClassesAreTrue() {
        List<Outcome> runs = runs(new Noise(0, 0));
        long passed = runs.stream().filter(Outcome::controlPassed).count();
        int decisive = runs.stream().mapToInt(Outcome::decisive).sum();
        int decided = runs.stream().mapToInt(Outcome::decided).sum();
        int wrong = runs.stream().mapToInt(Outcome::wrong).sum();
        assertTrue(passed >= 0.9 * runs.size(), passed + " of " + runs.size() + " controls passed");
        assertTrue(decided >= 0.95 * decisive, decided + " of " + decisive + " decisive pairs decided");
        assertTrue(wrong <= 0.05 * decided, wrong + " wrong classes of " + decided);
    }

    @Test
    void injectedNoiseFailsTheControlOrLeavesPairsUndecidedButMakesNoConfidentWrongClass() {
        for (Noise noise : List.of(new Noise(0.4, 0), new Noise(0, 0.15), new Noise(0.3, 0.1))) {
            List<Outcome> runs = runs(noise);
            int decisive = runs.stream().mapToInt(Outcome::decisive).sum();
            int wrongWithPassedControl = runs.stream().filter(Outcome::controlPassed).mapToInt(Outcome::wrong).sum();
            assertTrue(wrongWithPassedControl <= 0.025 * decisive, noise + ": " + wrongWithPassedControl
                    + " confident wrong classes under a passed control, of " + decisive + " decisive pairs");
        }
    }

    @Test
    void aDriftAcrossTheRoundFailsTheControlMostOfTheTime() {
        List<Outcome> runs = runs(new Noise(0.6, 0));
        long failed = runs.stream().filter(o -> !o.controlPassed()).count();
        assertTrue(failed >= 0.5 * runs.size(), failed + " of " + runs.size() + " controls failed under a 0.6 drift");
    }
}
