package mmapbench.rounds;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdaptiveRoundsTest {

    /** A clock that moves one second for every fork run. */
    static final class Machine implements AdaptiveRounds.Forks {
        final AtomicLong nanos = new AtomicLong();
        final Map<RowSpec, Integer> forks = new HashMap<>();
        final List<RowSpec> ran = new ArrayList<>();

        @Override
        public void run(RowSpec row) {
            nanos.addAndGet(1_000_000_000L);
            forks.merge(row, 1, Integer::sum);
            ran.add(row);
        }
    }

    static final AdaptiveRounds.Listener QUIET = new AdaptiveRounds.Listener() {
        @Override
        public void roundDone(RoundsLog log, boolean keep) {
        }

        @Override
        public void legDone(int leg) {
        }

        @Override
        public void starting(int leg, String line) {
        }
    };

    static List<AdaptiveRounds.Leg> legs() {
        return List.of(new AdaptiveRounds.Leg("reads", RoundOrderTest.leg(2), 3),
                new AdaptiveRounds.Leg("writes", RoundOrderTest.leg(1).stream()
                        .map(r -> RowSpec.of(r.benchmark().replace("Read", "Write"), r.mode(), r.params())).toList(), 3));
    }

    /** Undecided until its rows have {@code decidedAt} rounds; its rows are those of block size 8 in the first leg. */
    static AdaptiveRounds.Judge openUntil(Machine m, int decidedAt, int needed) {
        Set<RowSpec> rows = new LinkedHashSet<>(legs().getFirst().rows().stream()
                .filter(r -> r.params().get("blockSize").equals("8")).toList());
        return () -> {
            int rounds = rows.stream().mapToInt(r -> m.forks.getOrDefault(r, 0)).min().orElse(0);
            return rounds >= decidedAt ? List.of() : List.of(new AdaptiveRounds.Open("RANDOM_READ 8 B", rows, rounds,
                    needed));
        };
    }

    @Test
    void everyRowGetsItsMinimumAndOnlyTheUndecidedGroupMore() throws IOException {
        Machine m = new Machine();
        AdaptiveRounds rounds = new AdaptiveRounds(legs(), new AdaptiveRounds.Budget(8, 1000), 1, m.nanos::get);
        assertNull(rounds.run(m, openUntil(m, 5, 5), QUIET));
        for (RowSpec r : legs().get(1).rows()) {
            assertEquals(3, m.forks.get(r), r.label());
        }
        for (RowSpec r : legs().getFirst().rows()) {
            // The 5 rounds its spread asked for, over the 0.69 a variance from 3 rounds typically is of the true.
            assertEquals(r.params().get("blockSize").equals("8") ? 8 : 3, m.forks.get(r), r.label());
        }
        RoundsLog log = rounds.log();
        assertEquals(List.of("minimum", "minimum", "minimum", "extra", "extra", "extra", "extra", "extra"),
                log.legs().getFirst().rounds().stream().map(RoundsLog.Round::pass).toList());
        assertTrue(log.stops().isEmpty(), log.stops().toString());
        // The extra rounds run the group's rows, its control twin among them, and no other.
        assertEquals(6, log.legs().getFirst().rounds().get(3).order().size());
    }

    @Test
    void aGroupGetsTheRoundsItsSpreadAsksForAndIsLookedAtOnceMore() throws IOException {
        Machine m = new Machine();
        AdaptiveRounds rounds = new AdaptiveRounds(legs(), new AdaptiveRounds.Budget(8, 1000), 1, m.nanos::get);
        rounds.run(m, openUntil(m, 100, 4), QUIET);
        assertEquals(6, m.forks.get(legs().getFirst().rows().getFirst()), "the 4 rounds it asked for over 0.69,"
                + " not the cap's 8");
        RoundsLog.Stop stop = rounds.log().stops().getFirst();
        assertEquals("still open", stop.reason());
        assertTrue(stop.words().startsWith("the 6 rounds it got (its first rounds' spread asked for 4; with the margin"
                + " for a spread of 3 rounds, 6) did not decide it"), stop.words());
    }

    @Test
    void theMarginStopsAtTheCap() throws IOException {
        Machine m = new Machine();
        AdaptiveRounds rounds = new AdaptiveRounds(legs(), new AdaptiveRounds.Budget(8, 1000), 1, m.nanos::get);
        rounds.run(m, openUntil(m, 100, 8), QUIET);
        assertEquals(8, m.forks.get(legs().getFirst().rows().getFirst()));
        assertTrue(rounds.log().stops().getFirst().words().startsWith("the 8 rounds it got (its first rounds' spread"
                + " asked for 8) did not"), rounds.log().stops().toString());
    }

    @Test
    void aVarianceFromThreeRoundsIsTypicallyTwoThirdsOfTheTrue() {
        assertEquals(Math.log(4) / 2, AdaptiveRounds.typicalVarianceShare(3), 1e-9, "chi-square(2)'s median is 2 ln 2");
        assertTrue(AdaptiveRounds.typicalVarianceShare(30) > 0.97, "and nearly all of it from 30");
    }

    @Test
    void noLookInBetween() throws IOException {
        // Decided at 4 rounds by chance, it still gets the 6 its first spread asked for: two looks, no more.
        Machine m = new Machine();
        AdaptiveRounds rounds = new AdaptiveRounds(legs(), new AdaptiveRounds.Budget(8, 1000), 1, m.nanos::get);
        rounds.run(m, openUntil(m, 4, 4), QUIET);
        assertEquals(6, m.forks.get(legs().getFirst().rows().getFirst()));
        assertTrue(rounds.log().stops().isEmpty(), rounds.log().stops().toString());
    }

    @Test
    void aGroupAtTheCapGetsNoMore() throws IOException {
        Machine m = new Machine();
        AdaptiveRounds rounds = new AdaptiveRounds(legs(), new AdaptiveRounds.Budget(3, 1000), 1, m.nanos::get);
        rounds.run(m, openUntil(m, 100, 3), QUIET);
        assertEquals(List.of("cap"), rounds.log().stops().stream().map(RoundsLog.Stop::reason).toList());
        assertEquals(3, m.forks.get(legs().getFirst().rows().getFirst()));
    }

    @Test
    void aGroupThatTheCapCouldNotDecideStopsAtOnce() throws IOException {
        Machine m = new Machine();
        AdaptiveRounds rounds = new AdaptiveRounds(legs(), new AdaptiveRounds.Budget(8, 1000), 1, m.nanos::get);
        rounds.run(m, openUntil(m, 100, 40), QUIET);
        RoundsLog.Stop stop = rounds.log().stops().getFirst();
        assertEquals("hopeless", stop.reason());
        assertTrue(stop.words().contains("about 40 rounds"), stop.words());
        assertEquals(3, m.forks.get(legs().getFirst().rows().getFirst()));
    }

    @Test
    void noRoundStartsThatTheBudgetCannotHoldButTheMinimumAlwaysRuns() throws IOException {
        Machine m = new Machine();
        // The minimum rounds are 3 of 12 + 6 rows: 54 forks, 54 s here, over a 20 s budget.
        AdaptiveRounds rounds = new AdaptiveRounds(legs(), new AdaptiveRounds.Budget(8, 20), 1, m.nanos::get);
        rounds.run(m, openUntil(m, 100, 6), QUIET);
        assertEquals(3 * 18, m.ran.size(), "the minimum rounds, and not one more");
        assertEquals("budget", rounds.log().stops().getFirst().reason());

        Machine short_ = new Machine();
        // Room for two of the three extra rounds the group gets: none start, since a second look
        // short of them would decide nothing.
        AdaptiveRounds two = new AdaptiveRounds(legs(), new AdaptiveRounds.Budget(8, 54 + 12), 1, short_.nanos::get);
        two.run(short_, openUntil(short_, 100, 4), QUIET);
        assertEquals(54, short_.ran.size());
        assertTrue(two.log().stops().getFirst().words().contains("the 3 more rounds it would get (its first rounds'"
                + " spread asked for 4; with the margin for a spread of 3 rounds, 6)"), two.log().stops().toString());

        Machine roomy = new Machine();
        AdaptiveRounds three = new AdaptiveRounds(legs(), new AdaptiveRounds.Budget(8, 54 + 18), 1, roomy.nanos::get);
        three.run(roomy, openUntil(roomy, 100, 4), QUIET);
        assertEquals(54 + 18, roomy.ran.size(), "all three");
    }

    @Test
    void theGroupsOfALegThatEvictsTheFilesGoLast() throws IOException {
        // Two undecided groups, the cheaper one evicting the files: the other's rounds run first.
        List<AdaptiveRounds.Leg> legs = legs();
        Machine m = new Machine();
        Set<RowSpec> cold = new LinkedHashSet<>(legs.getFirst().rows().subList(0, 2));
        Set<RowSpec> writes = new LinkedHashSet<>(legs.get(1).rows());
        AdaptiveRounds.Judge judge = () -> List.of(
                new AdaptiveRounds.Open("cold", cold, 3, 4, true), new AdaptiveRounds.Open("writes", writes, 3, 4));
        new AdaptiveRounds(legs, new AdaptiveRounds.Budget(8, 1000), 1, m.nanos::get).run(m, judge, QUIET);
        List<RowSpec> extra = m.ran.subList(3 * (legs.getFirst().rows().size() + writes.size()), m.ran.size());
        assertEquals(3 * writes.size() + 3 * cold.size(), extra.size());
        assertTrue(writes.containsAll(extra.subList(0, 3 * writes.size())), extra.toString());
        assertTrue(cold.containsAll(extra.subList(3 * writes.size(), extra.size())), extra.toString());
    }

    @Test
    void aFailedForkStopsTheRunAndIsReturned() throws IOException {
        Machine counter = new Machine();
        AdaptiveRounds.Forks failAt7 = row -> {
            counter.run(row);
            if (counter.ran.size() == 7) {
                throw new org.openjdk.jmh.runner.RunnerException("fork 7 failed");
            }
        };
        AdaptiveRounds rounds = new AdaptiveRounds(legs(), new AdaptiveRounds.Budget(8, 1000), 1, counter.nanos::get);
        var failure = rounds.run(failAt7, openUntil(counter, 5, 5), QUIET);
        assertEquals("fork 7 failed", failure.getMessage());
        assertEquals(7, counter.ran.size(), "no fork after the failed one");
    }
}
