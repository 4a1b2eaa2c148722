package mmapbench.tail;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.IterationType;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A synthetic slow operation lands at the right percentile of the published metrics: every 50th
 * operation sleeps 2 ms (2% of them), so p90 is a fast one and p99 a slow one; a warm-up whose
 * every operation sleeps 30 ms is not in them; the fork's iterations are pooled and published once.
 */
class TailProfilerTest {

    private static final long SLOW_MILLIS = 2;
    private static final long WARMUP_MILLIS = 30;

    @AfterEach
    void forget() {
        OperationTimes.forgetAll();
    }

    /** {@code ops} operations timed as the tail benchmarks time theirs; every {@code k}-th sleeps {@code millis}. */
    private static long iteration(OperationTimes times, int ops, int k, long millis) throws InterruptedException {
        long sum = 0;
        for (int i = 0; i < ops; i++) {
            long start = System.nanoTime();
            if (i % k == k - 1) {
                Thread.sleep(millis);
            } else {
                sum += Long.numberOfTrailingZeros(start + i);
            }
            times.record(System.nanoTime() - start);
        }
        return sum;
    }

    private static Map<String, Double> byLabel(List<Result> results) {
        return results.stream().collect(Collectors.toMap(Result::getLabel, Result::getScore));
    }

    @Test
    void everyFiftiethOperationSleepingTwoMillisecondsIsAtP99AndNotAtP90() throws InterruptedException {
        TailProfiler profiler = new TailProfiler();
        OperationTimes times = OperationTimes.register();

        iteration(times, 10, 1, WARMUP_MILLIS);
        assertEquals(List.of(), profiler.after(IterationType.WARMUP, 2));
        iteration(times, 1000, 50, SLOW_MILLIS);
        assertEquals(List.of(), profiler.after(IterationType.MEASUREMENT, 2), "published before the fork's last iteration");
        iteration(times, 1000, 50, SLOW_MILLIS);
        Map<String, Double> m = byLabel(profiler.after(IterationType.MEASUREMENT, 2));

        assertEquals(2000, m.get(TailProfiler.SAMPLES), "both measured iterations, pooled; the warm-up dropped");
        assertTrue(m.get("·p50") < 1e6, "p50 " + m.get("·p50"));
        assertTrue(m.get("·p90") < 1e6, "p90 " + m.get("·p90"));
        assertTrue(m.get("·p99") >= SLOW_MILLIS * 1e6, "p99 " + m.get("·p99"));
        assertTrue(m.get(TailProfiler.MAX) >= SLOW_MILLIS * 1e6 && m.get(TailProfiler.MAX) < WARMUP_MILLIS * 1e6,
                "max " + m.get(TailProfiler.MAX) + ": a slow operation, not a warm-up one");
        assertTrue(m.get(TailProfiler.TIMER) > 0 && m.get(TailProfiler.TIMER) < 1000, "timer " + m.get(TailProfiler.TIMER));
    }

    @Test
    void aForkPublishesOnceAndTheNextTrialStartsEmpty() throws InterruptedException {
        TailProfiler profiler = new TailProfiler();
        iteration(OperationTimes.register(), 100, 1000, 0);
        assertEquals(100, byLabel(profiler.after(IterationType.MEASUREMENT, 1)).get(TailProfiler.SAMPLES));
        // The last trial's threads are forgotten: a trial that records nothing publishes nothing.
        assertEquals(List.of(), profiler.after(IterationType.MEASUREMENT, 1));
    }
}
