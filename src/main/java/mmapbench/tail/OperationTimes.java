package mmapbench.tail;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One benchmark thread's single-operation times for the iteration under way, and the registry
 * through which {@link TailProfiler} reads every thread's after the iteration: the benchmark
 * state and the profiler share nothing else (a JMH profiler never sees a state object).
 *
 * <p>The histogram is made once per trial at its full range and never resizes, so that
 * {@link #record} allocates nothing in the timed loop; three significant digits keep a
 * percentile within 0.1% of the value recorded.
 */
public final class OperationTimes {

    /** The longest operation kept as itself: a minute; longer ones count as a minute (none should take one). */
    static final long LONGEST_NANOS = 60_000_000_000L;
    static final int DIGITS = 3;

    private static final List<OperationTimes> REGISTERED = new CopyOnWriteArrayList<>();

    private final Histogram histogram = newHistogram();

    private OperationTimes() {
    }

    static Histogram newHistogram() {
        return new Histogram(1, LONGEST_NANOS, DIGITS);
    }

    /** A thread's times, made at trial setup, read by the profiler until the fork's last measurement iteration. */
    public static OperationTimes register() {
        OperationTimes times = new OperationTimes();
        REGISTERED.add(times);
        return times;
    }

    /**
     * After the trial's last measurement iteration, by the profiler: a later trial in the same JVM
     * (JMH's {@code -f 0}) must not see this one's threads. Not at the trial's teardown, which JMH
     * runs inside the last iteration, before the profiler has read it.
     */
    static void forgetAll() {
        REGISTERED.clear();
    }

    /** One operation's time, in the timed loop: no allocation, no lock. */
    public void record(long nanos) {
        histogram.recordValue(Math.min(Math.max(nanos, 0), LONGEST_NANOS));
    }

    /**
     * Adds every registered thread's times of the iteration that just ended to {@code into} (null:
     * drops them, for a warm-up iteration) and empties them for the next. Called between
     * iterations, when no benchmark thread records.
     */
    static void drain(Histogram into) {
        for (OperationTimes times : REGISTERED) {
            if (into != null) {
                into.add(times.histogram);
            }
            times.histogram.reset();
        }
    }
}
