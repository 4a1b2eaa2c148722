package mmapbench.tail;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tail ratio's interval on synthetic forks: paired by index, t over the pairs, on the log scale. */
class TailRatioTest {

    @Test
    void theRatioIsTheGeometricMeanOfThePairsAndTheIntervalStudentsTOverThem() {
        // Ratios 60, 50 and 55: worked by hand, t(0.975, 2) = 4.3027.
        TailRatio r = TailRatio.paired(new double[]{6.0e6, 5.0e6, 5.5e6}, new double[]{1e5, 1e5, 1e5});
        assertEquals(54.85, r.ratio(), 0.01);
        assertEquals(43.73, r.low(), 0.01);
        assertEquals(68.79, r.high(), 0.01);
        assertEquals(3, r.pairs());
        assertTrue(r.decided());
    }

    @Test
    void forksArePairedByIndexNotPooled() {
        double[] slow = {2, 4, 2};
        // The same values on the fast side, in another fork order: pooled, the two would agree.
        TailRatio inStep = TailRatio.paired(slow, new double[]{1, 2, 1});
        TailRatio outOfStep = TailRatio.paired(slow, new double[]{2, 1, 1});
        assertEquals(2, inStep.ratio(), 1e-9);
        assertEquals(2, inStep.low(), 1e-9, "the pairs agree exactly: no width");
        assertNotEquals(inStep.low(), outOfStep.low(), 1e-3);
        assertEquals(inStep.ratio(), outOfStep.ratio(), 1e-9, "the geometric mean does not depend on the pairing");
    }

    @Test
    void aForkWithoutTheValueLeavesItsPairOutAndOnePairHasNoInterval() {
        TailRatio r = TailRatio.paired(new double[]{3, Double.NaN, 5}, new double[]{1, 1});
        assertEquals(1, r.pairs());
        assertEquals(3, r.ratio(), 1e-9);
        assertTrue(Double.isNaN(r.low()));
        assertFalse(r.decided());
    }

    @Test
    void anIntervalAroundOneDecidesNothing() {
        TailRatio r = TailRatio.paired(new double[]{1.05, 0.98, 1.02}, new double[]{1, 1, 1});
        assertTrue(r.low() < 1 && r.high() > 1, r.toString());
        assertFalse(r.decided());
    }
}
