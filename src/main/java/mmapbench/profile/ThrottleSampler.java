package mmapbench.profile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * How much of the benchmark threads' timed window the kernel's dirty-page throttle held them:
 * every {@value #PERIOD_MILLIS} ms a daemon thread reads each watched thread's wait channel
 * ({@code /proc/thread-self/wchan}, opened by that thread) and counts the readings that find it
 * asleep in {@code balance_dirty_pages}, where the kernel pauses a writer that dirties pages
 * faster than they can be written back.
 *
 * <p>Why the wait channel and not the dirty level: a paced writer sleeps in that function for a
 * pause the kernel computed when it came in above the freerun ceiling (halfway between
 * {@code nr_dirty_background_threshold} and {@code nr_dirty_threshold}); while it sleeps,
 * writeback drains the pages, so any reading of {@code /proc/vmstat} (at the window's end, or
 * sampled) finds the level below the ceiling nearly every time. {@code ThrottleIndicatorTest}
 * shows the throttle firing with vm.dirty_bytes lowered, and not without.
 *
 * <p>While the benchmark is timed the sampler reads into one buffer it keeps and compares bytes in
 * place: it allocates nothing, so it adds no garbage collection to the window.
 */
final class ThrottleSampler {

    static final long PERIOD_MILLIS = 5;
    /** The kernel function a throttled writer sleeps in, as its wait channel names it. */
    private static final byte[] THROTTLE = "balance_dirty_pages".getBytes(StandardCharsets.US_ASCII);

    /** How many readings of a thread's wait channel a window took, and how many found it throttled. */
    record Count(long samples, long throttled) {
    }

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(256);
    private final Thread thread;
    private volatile boolean running = true;
    /** Copied on change, so that the sampler can walk it without a lock or an iterator. */
    private volatile FileChannel[] watched = new FileChannel[0];
    private long samples;
    private long throttled;

    private ThrottleSampler() {
        thread = new Thread(this::sample, "mmapbench-throttle-sampler");
        thread.setDaemon(true);
    }

    static ThrottleSampler start() {
        ThrottleSampler s = new ThrottleSampler();
        s.thread.start();
        return s;
    }

    /** The calling thread's wait channel, for {@link #watch}; null where the kernel does not show it. */
    static FileChannel ownWaitChannel() {
        try {
            return FileChannel.open(Path.of("/proc/thread-self/wchan"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    synchronized void watch(FileChannel waitChannel) {
        if (waitChannel != null) {
            FileChannel[] next = Arrays.copyOf(watched, watched.length + 1);
            next[watched.length] = waitChannel;
            watched = next;
        }
    }

    /** Stops watching a thread whose timed code has ended, and closes its channel. */
    synchronized void unwatch(FileChannel waitChannel) {
        if (waitChannel == null) {
            return;
        }
        watched = Arrays.stream(watched).filter(c -> c != waitChannel).toArray(FileChannel[]::new);
        close(waitChannel);
    }

    /** Stops the thread and says what the window saw; channels still watched are closed. */
    Count stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (FileChannel c : watched) {
                close(c);
            }
            watched = new FileChannel[0];
            return new Count(samples, throttled);
        }
    }

    private void sample() {
        while (running) {
            LockSupport.parkNanos(PERIOD_MILLIS * 1_000_000);
            FileChannel[] now = watched;
            for (int i = 0; running && i < now.length; i++) {
                int t = throttled(now[i]);
                if (t >= 0) {
                    samples++;
                    throttled += t;
                }
            }
        }
    }

    /** 1 when the thread sleeps in the throttle, 0 when not, -1 when its wait channel cannot be read (it ended). */
    private int throttled(FileChannel waitChannel) {
        buffer.clear();
        try {
            // At offset 0 the kernel looks at the thread anew.
            if (waitChannel.read(buffer, 0) < 0) {
                return -1;
            }
        } catch (IOException e) {
            return -1;
        }
        return names(buffer.flip(), THROTTLE) ? 1 : 0;
    }

    /** Whether {@code text} is {@code name}, give or take a trailing newline. */
    static boolean names(ByteBuffer text, byte[] name) {
        int n = text.limit();
        if (n > 0 && text.get(n - 1) == '\n') {
            n--;
        }
        if (n != name.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (text.get(i) != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static void close(FileChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // Read-only: nothing is lost.
        }
    }
}
