package mmapbench.report;

import mmapbench.file.Question;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interval method against synthetic raw data with known truth (seeded, so every run sees the
 * same numbers). The noise is shaped like the published full run's: per row a fork-to-fork sd
 * of the log drawn around 3% (and differing between rows by a factor of about 1.35 either way),
 * 2% noise per iteration, 2 forks of 4 iterations: the quick profile's shape.
 */
class IntervalSimulationTest {

    static final int FORKS = 2;
    static final int ITERATIONS = 4;
    static final double SIGMA = 0.02;

    /** A leg of 12 rows: 6 pairs, each pair's rows with the given true ratio; returns the pairs' intervals. */
    static List<Interval> leg(Random rnd, double trueRatio, double tauTypical, int forks) {
        List<Row> rows = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            double base = 1000 * Math.exp(rnd.nextGaussian());
            for (int side = 0; side < 2; side++) {
                double tau = tauTypical * Math.exp(0.3 * rnd.nextGaussian());
                double nanos = side == 0 ? base : base * trueRatio;
                rows.add(Synthetic.row(Question.RANDOM_READ, side == 0 ? "mappedBuffer" : "fileChannel", 8 << p, "WARM",
                        Synthetic.forks(rnd, nanos, forks, ITERATIONS, tau, SIGMA)));
            }
        }
        List<Measured> m = Measured.of(rows);
        List<Interval> out = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            out.add(m.get(2 * p + 1).over(m.get(2 * p)));
        }
        return out;
    }

    @Test
    void twoIdenticalDistributionsGiveAnIntervalHolding1About95PercentOfTheTime() {
        Random rnd = new Random(12);
        int pairs = 0;
        int covered = 0;
        double widest = 0;
        while (pairs < 2004) {
            for (Interval i : leg(rnd, 1, 0.03, FORKS)) {
                assertTrue(i.bounded() && i.low() > 0, "never 0 or infinity: " + i);
                widest = Math.max(widest, i.width());
                pairs++;
                covered += i.contains(1) ? 1 : 0;
            }
        }
        double coverage = covered / (double) pairs;
        System.out.printf("coverage of 1 over %d identical pairs: %.3f; widest interval high/low %.2f%n", pairs,
                coverage, widest);
        // 2000 pairs: the standard error of a 95% coverage is 0.5%.
        assertTrue(coverage >= 0.935 && coverage <= 0.975, "coverage " + coverage);
    }

    @Test
    void aTrue10xIsClassifiedTenX() {
        Random rnd = new Random(7);
        int tenX = 0;
        int all = 0;
        for (int run = 0; run < 50; run++) {
            for (Interval i : leg(rnd, 10, 0.03, FORKS)) {
                all++;
                RatioClass c = RatioClass.of(i);
                tenX += c == RatioClass.TEN_X ? 1 : 0;
                assertTrue(c == RatioClass.TEN_X || c == RatioClass.UNDECIDED || c == RatioClass.BORDERLINE,
                        "never a wrong class: " + i);
            }
        }
        System.out.printf("true 10x: TEN_X in %d of %d pairs%n", tenX, all);
        assertTrue(tenX >= 0.95 * all, tenX + " of " + all);
    }

    @Test
    void aTrue125xWithATightIntervalIsOnTheBorder() {
        Random rnd = new Random(3);
        int border = 0;
        int all = 0;
        for (int run = 0; run < 50; run++) {
            for (Interval i : leg(rnd, 1.25, 0.01, FORKS)) {
                all++;
                if (RatioClass.of(i) == RatioClass.BORDERLINE) {
                    border++;
                    assertTrue(i.contains(1.25), i.toString());
                }
            }
        }
        System.out.printf("true 1.25x: BORDERLINE in %d of %d pairs%n", border, all);
        assertTrue(border >= 0.9 * all, border + " of " + all);
    }

    @Test
    void aVeryNoisyPairIsUndecidedAndSaysHowManyForksWouldDecideIt() {
        Random rnd = new Random(5);
        List<Interval> noisy = leg(rnd, 2.5, 0.4, FORKS);
        Interval i = noisy.getFirst();
        assertEquals(RatioClass.UNDECIDED, RatioClass.of(i), i.toString());
        String decide = Verdict.whatWouldDecide(i);
        assertTrue(decide.matches("about \\d+ forks per API.*"), decide);
        int forks = Integer.parseInt(decide.replaceAll("about (\\d+) forks.*", "$1"));
        assertTrue(forks > FORKS, decide);
    }

    @Test
    void withOneForkNothingIsKnownAndNothingIsClaimed() {
        Interval i = leg(new Random(1), 10, 0.03, 1).getFirst();
        assertFalse(i.bounded());
        assertEquals(RatioClass.UNDECIDED, RatioClass.of(i));
    }

    @Test
    void classesFollowTheThresholds() {
        assertEquals(RatioClass.TEN_X, RatioClass.of(interval(7.5, 30)));
        assertEquals(RatioClass.FASTER, RatioClass.of(interval(1.25, 7.49)));
        assertEquals(RatioClass.SAME, RatioClass.of(interval(0.8, 1.2)));
        assertEquals(RatioClass.REVERSED, RatioClass.of(interval(0.01, 0.79)));
        assertEquals(RatioClass.UNDECIDED, RatioClass.of(interval(6, 9)));
        assertEquals(RatioClass.BORDERLINE, RatioClass.of(interval(1.22, 1.29)), "the issue's 1.26x [1.22-1.29]");
        assertEquals(RatioClass.UNDECIDED, RatioClass.of(interval(1.1, 1.4)));
    }

    static Interval interval(double low, double high) {
        double r = Math.sqrt(low * high);
        return new Interval(r, low, high, Math.log(r), Math.log(high / r) / 1.96, 100, 2);
    }
}
