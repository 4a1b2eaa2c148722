package mmapbench.report;

import mmapbench.file.Api;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A speed-up and its interval read in one direction at a time; an interval across 1 says both. */
class SpeedTest {

    private static Comparison pair(double ratio, double low, double high) {
        Interval i = new Interval(ratio, low, high, Math.log(ratio), 0.1, 4, 3);
        return new Comparison(null, Api.MEMORY_SEGMENT, Api.RANDOM_ACCESS_FILE, i, RatioClass.of(i), true, true, "");
    }

    @Test
    void anIntervalAcrossOneSaysBothDirectionsAndNeverMixesThem() {
        // The published run's 8 B HOT random write: 1.21x slower, 95% from 0.933 (faster) to 1.56 (slower).
        assertEquals("a mapping (memorySegment) is 1.21x slower than randomAccessFile (95%: between 1.07x faster and"
                + " 1.56x slower)", pair(1 / 1.21, 1 / 1.56, 1 / 0.933).speedWords());
        assertEquals("a mapping (memorySegment) is 1.10x faster than randomAccessFile (95%: between 1.01x slower and"
                + " 1.23x faster)", pair(1.10, 0.993, 1.23).speedWords());
    }

    @Test
    void anIntervalOnOneSideReadsAsBefore() {
        assertEquals("a mapping (memorySegment) is 12.2x faster than randomAccessFile (95%: 10.7–14.0x)",
                pair(12.2, 10.7, 14.0).speedWords());
        assertEquals("a mapping (memorySegment) is 2.15x slower than randomAccessFile (95%: 2.03–2.29x slower)",
                pair(1 / 2.15, 1 / 2.29, 1 / 2.03).speedWords());
        assertEquals("a mapping (memorySegment) is 2.15x slower than randomAccessFile",
                pair(1 / 2.15, Double.NaN, Double.NaN).speedWords());
    }

    @Test
    void aSpanOfSeveralPairsReadsFromOneEndToTheOther() {
        assertEquals("1.17x to 2.51x faster", Speed.span(1.17, 2.51));
        assertEquals("51.0x to 110x slower", Speed.span(1 / 110.0, 1 / 51.0));
        assertEquals("from 2.39x slower to 2.12x faster", Speed.span(1 / 2.39, 2.12));
        assertEquals("107x slower", Speed.span(1 / 107.0, 1 / 107.0));
    }
}
