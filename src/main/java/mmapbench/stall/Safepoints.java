package mmapbench.stall;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVM's safepoints, from its own Flight Recorder through the public streaming API
 * ({@link RecordingStream}): each {@code jdk.SafepointBegin} event lasts the whole safepoint
 * (from the request to the release of every thread), each {@code jdk.SafepointStateSynchronization}
 * its first phase, the time to safepoint: how long the VM waited for the last running Java
 * thread to stop. A thread in a page fault in Java code holds that phase up; a thread in a
 * system call ({@code pread}) is in native code and does not.
 *
 * <p>The stream runs for a trial (started before a memory cgroup is joined, so that its buffers
 * are charged outside the limit); a window's events are those that began between its start and
 * its end. The recorder hands events over when it flushes (about once a second), so
 * {@link #window} waits for the first flush after the window's end: then every event of the
 * window has arrived.
 */
public final class Safepoints implements AutoCloseable {

    static final String BEGIN = "jdk.SafepointBegin";
    static final String SYNC = "jdk.SafepointStateSynchronization";
    /** How long a window waits for the recorder's flush; it flushes about once a second. */
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(10);

    /** What one window saw: how many safepoints, their total time, and each one's time to safepoint. */
    public record Window(long count, long totalNanos, long syncTotalNanos, Histogram sync) {
    }

    private record Event(Instant start, long nanos) {
    }

    private final RecordingStream stream = new RecordingStream();
    private final List<Event> begins = new ArrayList<>();
    private final List<Event> syncs = new ArrayList<>();
    private long flushes;

    private Safepoints() {
        // No threshold: every safepoint, however short, is counted.
        stream.enable(BEGIN).withoutThreshold();
        stream.enable(SYNC).withoutThreshold();
        stream.onEvent(BEGIN, e -> add(begins, e));
        stream.onEvent(SYNC, e -> add(syncs, e));
        stream.onFlush(this::flushed);
    }

    /** A stream, started. */
    public static Safepoints start() {
        Safepoints s = new Safepoints();
        s.stream.startAsync();
        return s;
    }

    private synchronized void add(List<Event> into, RecordedEvent e) {
        into.add(new Event(e.getStartTime(), e.getDuration().toNanos()));
    }

    private synchronized void flushed() {
        flushes++;
        notifyAll();
    }

    /**
     * The safepoints that began in [{@code from}, {@code to}); waits for the recorder to deliver
     * them. Older events are dropped.
     *
     * @throws IllegalStateException when the recorder does not flush in time
     */
    public synchronized Window window(Instant from, Instant to) throws InterruptedException {
        // Two flushes after the end: the first may have been under way when the window ended.
        long target = flushes + 2;
        long deadline = System.nanoTime() + FLUSH_WAIT.toNanos();
        while (flushes < target) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("the Flight Recorder did not flush its safepoint events within "
                        + FLUSH_WAIT.toSeconds() + " s");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        long count = 0;
        long total = 0;
        for (Event e : begins) {
            if (inside(e, from, to)) {
                count++;
                total += e.nanos();
            }
        }
        Histogram sync = new Histogram(3);
        long syncTotal = 0;
        for (Event e : syncs) {
            if (inside(e, from, to)) {
                sync.recordValue(Math.max(0, e.nanos()));
                syncTotal += e.nanos();
            }
        }
        begins.removeIf(e -> e.start().isBefore(to));
        syncs.removeIf(e -> e.start().isBefore(to));
        return new Window(count, total, syncTotal, sync);
    }

    private static boolean inside(Event e, Instant from, Instant to) {
        return !e.start().isBefore(from) && e.start().isBefore(to);
    }

    @Override
    public void close() {
        stream.close();
    }
}
