package mmapbench.series;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The words name the window where the cache filled and what the reads did on each side of it. */
class FirstMinuteSummaryTest {

    /** 100 ms windows: 1000 reads each until window {@code fill}, then 500 and as many evictions, with {@code zeros} windows of none right after. */
    static Series series(int windows, int fill, int zeros) {
        List<Window> w = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            long ops = i < fill ? 1000 : i > fill && i <= fill + zeros ? 0 : 500;
            // A stray eviction in window 2 is not the cache filling: it makes room for nothing the device brought.
            long evictions = i >= fill ? ops + 10 : i == 2 ? 1 : 0;
            w.add(new Window(i * 100_000_000L, 100_000_000L, ops, ops, ops * 4096, evictions, i >= fill ? 40 : 2));
        }
        return new Series("memorySegment", "NORMAL", 64 << 20, 20 << 20, 4096, 100, windows * 100_000_000L,
                w.stream().mapToLong(Window::ops).sum(), 128, w);
    }

    @Test
    void theFillIsTheFirstWindowThatEvictsATenthOfItsReadsAndTheDropIsTheLongestStretchBelowATenth() {
        FirstMinuteSummary s = FirstMinuteSummary.of(series(40, 10, 5));
        assertEquals(10, s.fill());
        assertEquals(1.0, s.fillSeconds(), 1e-9);
        assertEquals(10_000, s.before().median(), 1e-9);
        assertEquals(5_000, s.after().median(), 1e-9);
        assertEquals(0.5, s.longestDropSeconds(), 1e-9);
        assertEquals(400, s.tlbPerSecondAfter(), 1e-9);
        assertEquals("the cache filled at 1.0 s; before, median 10,000 reads/s (10,000 to 10,000); after, median"
                + " 5,000 reads/s (0 to 5,000) (0.50x the median before); longest stretch below a tenth of that"
                + " median: 0.5 s; TLB shootdowns after: 400/s.", s.sentence());
    }

    @Test
    void aCacheThatNeverFilledSaysSo() {
        FirstMinuteSummary s = FirstMinuteSummary.of(series(10, 99, 0));
        assertEquals(-1, s.fill());
        assertTrue(s.sentence().startsWith("the cache never filled (no window evicted a tenth of what it read)"), s.sentence());
    }
}
