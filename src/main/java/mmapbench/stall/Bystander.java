package mmapbench.stall;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread that has nothing to do with the reads under test and suffers whatever the JVM as a
 * whole suffers, in the manner of jHiccup: it parks for {@value #PERIOD_NANOS} ns, allocates
 * {@code allocation} bytes, and records how late that ends. Its allocations are what a service
 * beside the reader does; they fill the young generation, so that the JVM needs a safepoint for
 * a collection every so often, and a safepoint has to wait for every thread running Java code,
 * the reader in a page fault included. A hiccup is how much later than {@value #PERIOD_NANOS} ns
 * after the park began the allocation was done: the park's own overshoot (the kernel's timer
 * slack), the allocation, a collection's pause and the time to reach the safepoint.
 *
 * <p>Recorded into an HdrHistogram {@link Recorder}, which one thread writes without locks while
 * another takes what was recorded since it last looked ({@link #take}).
 */
public final class Bystander implements AutoCloseable {

    /** How long each park is meant to last: short enough to see sub-millisecond stalls, jHiccup's 1 ms. */
    public static final long PERIOD_NANOS = 1_000_000;
    /** The largest hiccup the histogram keeps exactly: a minute, far beyond any stall worth a row. */
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Recorder recorder = new Recorder(1, HIGHEST_NANOS, 3);
    private final Thread thread;
    private volatile boolean running = true;
    /** Wake-ups recorded so far. */
    private volatile long recorded;
    /** Where each allocation goes, so that the JIT cannot remove it. */
    private volatile byte[] sink;

    private Bystander(int allocation) {
        thread = Thread.ofPlatform().name("mmapbench-bystander").daemon().unstarted(() -> loop(allocation));
    }

    /** A bystander that allocates {@code allocation} bytes a wake-up (0: none), started. */
    public static Bystander start(int allocation) {
        if (allocation < 0) {
            throw new IllegalArgumentException("-p allocation=" + allocation + " is negative: use e.g. -p allocation=262144");
        }
        Bystander b = new Bystander(allocation);
        b.thread.start();
        return b;
    }

    private void loop(int allocation) {
        while (running) {
            long start = System.nanoTime();
            LockSupport.parkNanos(PERIOD_NANOS);
            if (allocation > 0) {
                sink = new byte[allocation];
            }
            long late = System.nanoTime() - start - PERIOD_NANOS;
            recorder.recordValue(Math.min(HIGHEST_NANOS, Math.max(1, late)));
            recorded++;
        }
    }

    /** The hiccups recorded since the last call (or the start), ns; the next call starts from now. */
    public Histogram take() {
        return recorder.getIntervalHistogram();
    }

    /**
     * As {@link #take}, once the wake-up under way has been recorded too: a window's worst hiccup is
     * the one still going on when it ends, because the collection the bystander asked for waits
     * for the reader, and runs only once the reader's stall is over.
     */
    public Histogram takeAfterNextWakeUp() throws InterruptedException {
        long target = recorded + 2;
        long deadline = System.nanoTime() + HIGHEST_NANOS;
        while (recorded < target && running && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return take();
    }

    /** Stops the thread and waits for it (an interrupt stops the wait and is kept). */
    @Override
    public void close() {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink = null;
    }
}
