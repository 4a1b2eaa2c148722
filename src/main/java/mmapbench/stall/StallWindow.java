package mmapbench.stall;

import org.openjdk.jmh.results.Result;

import java.time.Instant;
import java.util.List;

/**
 * The timed window of a {@link JvmStallBenchmark} iteration, and the hand-over of what the
 * bystander and the recorder saw in it to the profiler ({@code IoProfiler}, on in every run),
 * which publishes it as secondary metrics. The benchmark marks the window itself, at the end of
 * its iteration setup and the start of its teardown, because the setup evicts the file and maps
 * it, which would count as stalls of their own. Static because JMH gives the profiler no handle
 * on a benchmark's state.
 */
public final class StallWindow {

    private final Bystander bystander;
    private final Safepoints safepoints;
    private Instant start;

    private static Stall last;

    public StallWindow(Bystander bystander, Safepoints safepoints) {
        this.bystander = bystander;
        this.safepoints = safepoints;
    }

    /** The timed code is about to run: what came before does not count. */
    public void markStart() {
        bystander.take();
        start = Instant.now();
    }

    /** The timed code has stopped: what the window saw, kept for the profiler. */
    public Stall markEnd() throws InterruptedException {
        Instant end = Instant.now();
        Stall stall = Stall.of(bystander.takeAfterNextWakeUp(), safepoints.window(start, end));
        synchronized (StallWindow.class) {
            last = stall;
        }
        return stall;
    }

    /** The last window's metrics, once; empty when no stall benchmark ran since the last call. */
    public static synchronized List<Result> takeResults() {
        Stall s = last;
        last = null;
        return s == null ? List.of() : s.results();
    }
}
