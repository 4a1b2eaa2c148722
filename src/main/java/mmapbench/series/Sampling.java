package mmapbench.series;

import mmapbench.file.Api;
import mmapbench.fixture.Advice;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A reader on a thread of its own, and the calling thread looking at it once a window: each
 * window ends where the next begins, on the clock's own reading (never on the schedule), and the
 * last ends when the reader has stopped, so the windows' times add up to the run's and their
 * reads to every read of the run.
 */
final class Sampling {

    private Sampling() {
    }

    /** Where a window's counters come from; the default reads the kernel's files ({@link Counters#read}). */
    interface Source {
        Counters read();
    }

    static Series measure(RandomReader reader, Api api, Advice advice, long fileSize, long limitBytes,
                          long readAroundKb, long runNanos, long windowNanos, Source source) throws IOException, InterruptedException {
        if (windowNanos <= 0 || runNanos < windowNanos) {
            throw new IllegalArgumentException("a run of " + runNanos + " ns cannot be split into windows of "
                    + windowNanos + " ns: give a run at least one window long");
        }
        IOException[] failure = new IOException[1];
        Thread thread = Thread.ofPlatform().name("mmapbench-first-minute-reader").unstarted(() -> {
            try {
                reader.run();
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        List<Window> windows = new ArrayList<>();
        Counters before = source.read();
        long start = System.nanoTime();
        thread.start();
        long from = start;
        long opsBefore = 0;
        for (long k = 1; ; k++) {
            long due = Math.min(start + k * windowNanos, start + runNanos);
            boolean last = due == start + runNanos;
            for (long left; (left = due - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(left);
            }
            if (last) {
                reader.stop();
                thread.join();
            }
            long now = System.nanoTime();
            long ops = reader.ops.getAcquire();
            Counters counters = source.read();
            Counters d = counters.since(before);
            windows.add(new Window(from - start, now - from, ops - opsBefore, d.majorFaults(), d.deviceBytes(),
                    d.evictions(), d.tlbShootdowns()));
            before = counters;
            opsBefore = ops;
            from = now;
            if (last) {
                break;
            }
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return new Series(api.method, advice.name(), fileSize, limitBytes, reader.blockSize, windowNanos / 1_000_000,
                from - start, reader.ops.get(), readAroundKb, windows);
    }

    /** The kernel's counters, with the cgroup's {@code memory.stat} (null: no cgroup). */
    static Source kernel(Path cgroupStat, boolean v1) {
        return () -> Counters.read(cgroupStat, v1);
    }
}
