package mmapbench.profile;

import mmapbench.fixture.DataFile;
import mmapbench.fixture.ProcFile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this process, its benchmark thread and the data file's disk have done so far, from /proc
 * and /sys:
 * <ul>
 *   <li>page faults ({@code /proc/self/stat});</li>
 *   <li>{@code read_bytes} of {@code /proc/self/io}: storage reads this process caused, readahead
 *       included; and {@code write_bytes}, which the kernel counts when a page is <em>dirtied</em>,
 *       not when it reaches the device (a write to a clean 2 MiB folio counts 2 MiB);</li>
 *   <li>the block device's own sectors read and written ({@code /sys/class/block/DEV/stat}): what
 *       the device did, for every process;</li>
 *   <li>the benchmark thread's voluntary context switches ({@code /proc/thread-self/status}): a
 *       writer paced by the kernel's dirty-page throttle, or a reader waiting for the device, sleeps;</li>
 *   <li>the machine's dirty and under-writeback pages ({@code /proc/vmstat}): a level, not a count;</li>
 *   <li>over a window, how much of the benchmark threads' time the dirty-page throttle held them
 *       ({@link ThrottleSampler}, from their wait channels);</li>
 *   <li>how much of its file mappings are mapped with 2 MiB pages ({@code FilePmdMapped}).</li>
 * </ul>
 *
 * <p>The file benchmarks mark the timed window themselves ({@link #markStart} at the end of their
 * iteration setup, {@link #markEnd} at the start of its teardown, both on the benchmark thread),
 * because the setup evicts and reloads GiBs, which would swamp what the timed code did. They do
 * so only while {@link IoProfiler} is on. With {@code -t N} every thread marks: the window runs from
 * the first thread's start to the last thread's end, because JMH keeps early threads running
 * (unmeasured) until the last one is ready, and those operations fault and read too; the profiler
 * therefore divides the window by all the operations JMH ran, measured or not. The price: at HOT,
 * another thread's pre-faulting of its own mapping falls inside the window. The sleeps are each
 * thread's own, from its start to its end, summed.
 */
public final class IoCounters {

    /**
     * One reading; -1 where the kernel did not say. The dirty level is in pages.
     * Over a window, {@code throttleSamples} looks at the benchmark threads' wait channels were
     * taken and {@code throttledSamples} of them found a thread in the dirty-page throttle
     * ({@link ThrottleSampler}); -1 for a single reading, which has no sampler.
     */
    public record Snapshot(long minorFaults, long majorFaults, long readBytes, long dirtiedBytes, long diskReadBytes,
                           long diskWrittenBytes, long sleeps, long pmdMappedKb, long dirtyPages,
                           long throttleSamples, long throttledSamples) {
        Snapshot minus(Snapshot o) {
            return new Snapshot(minorFaults - o.minorFaults, majorFaults - o.majorFaults, readBytes - o.readBytes,
                    dirtiedBytes - o.dirtiedBytes, diff(diskReadBytes, o.diskReadBytes),
                    diff(diskWrittenBytes, o.diskWrittenBytes), diff(sleeps, o.sleeps), pmdMappedKb, dirtyPages,
                    throttleSamples, throttledSamples);
        }

        Snapshot withSleeps(long threadSleeps) {
            return new Snapshot(minorFaults, majorFaults, readBytes, dirtiedBytes, diskReadBytes, diskWrittenBytes,
                    threadSleeps, pmdMappedKb, dirtyPages, throttleSamples, throttledSamples);
        }

        /** The same with what the window's sampler saw. */
        Snapshot withThrottle(ThrottleSampler.Count count) {
            return count == null ? this : new Snapshot(minorFaults, majorFaults, readBytes, dirtiedBytes,
                    diskReadBytes, diskWrittenBytes, sleeps, pmdMappedKb, dirtyPages, count.samples(),
                    count.throttled());
        }

        private static long diff(long a, long b) {
            return a < 0 || b < 0 ? -1 : a - b;
        }

        /**
         * The share of the looks that found a thread in the throttle, in [0, 1]; NaN without a
         * sampler. A window shorter than one look had none and counts as not held: the throttle
         * holds a thread it paces for longer than that.
         */
        public double throttledShare() {
            return throttleSamples < 0 ? Double.NaN : throttleSamples == 0 ? 0 : (double) throttledSamples / throttleSamples;
        }
    }

    private static final long SECTOR = 512;
    private static volatile boolean enabled;
    private static Snapshot start;
    private static Snapshot window;
    /** The data folder's block device statistics file, once found; null until then. */
    private static volatile Path diskStat;

    private IoCounters() {
    }

    /** Threads whose timed code is under way. */
    private static int open;
    /** The throttle's sampler of the window under way; null outside one. */
    private static ThrottleSampler sampler;

    /** Starts an iteration's counting: called by IoProfiler, and by tests that play its part. */
    public static synchronized void enable() {
        enabled = true;
        open = 0;
        // A window a failed iteration left open: its sampler must not run on into the next one.
        if (sampler != null) {
            sampler.stop();
            sampler = null;
        }
    }

    /** The calling thread's voluntary context switches when it marked its start; -1 if unknown. */
    private static final ThreadLocal<Long> SLEEPS_AT_START = new ThreadLocal<>();
    /** The calling thread's wait channel, watched by the sampler from its start to its end. */
    private static final ThreadLocal<FileChannel> WAIT_CHANNEL = new ThreadLocal<>();
    /** The sleeps of the threads that have marked their end in this window. */
    private static long sleeps;

    /** Called by a benchmark thread when its timed code is about to run. */
    public static synchronized void markStart() {
        if (!enabled) {
            return;
        }
        SLEEPS_AT_START.set(threadSleeps());
        if (open++ == 0) {
            start = read(false);
            sleeps = 0;
            window = null;
            sampler = ThrottleSampler.start();
            // The memoryLimit cgroup's own counters, over the same window.
            CgroupCounters.markStart();
        }
        FileChannel waitChannel = ThrottleSampler.ownWaitChannel();
        WAIT_CHANNEL.set(waitChannel);
        if (sampler != null) {
            sampler.watch(waitChannel);
        }
    }

    /** Called by the same thread when its timed code has stopped, before anything is unmapped. */
    public static synchronized void markEnd() {
        if (!enabled || open <= 0) {
            return;
        }
        Long atStart = SLEEPS_AT_START.get();
        SLEEPS_AT_START.remove();
        long now = threadSleeps();
        FileChannel waitChannel = WAIT_CHANNEL.get();
        WAIT_CHANNEL.remove();
        if (sampler != null) {
            sampler.unwatch(waitChannel);
        }
        sleeps = atStart == null || atStart < 0 || now < 0 || sleeps < 0 ? -1 : sleeps + now - atStart;
        if (--open == 0 && start != null) {
            ThrottleSampler.Count throttle = sampler == null ? null : sampler.stop();
            sampler = null;
            window = read(false).minus(start).withSleeps(sleeps).withThrottle(throttle);
            start = null;
            CgroupCounters.markEnd();
        }
    }

    /**
     * Context switches, voluntary and involuntary, of every thread of this process so far
     * ({@code /proc/self/task/* /status}); -1 when unknown. A thread that ends takes its own with it.
     */
    public static long processContextSwitches() {
        long sum = 0;
        try (var tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String status = ProcFile.read(task.resolve("status"));
                long voluntary = ProcFile.field(status, "voluntary_ctxt_switches:");
                long involuntary = ProcFile.field(status, "nonvoluntary_ctxt_switches:");
                if (voluntary >= 0 && involuntary >= 0) {
                    sum += voluntary + involuntary;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return sum;
    }

    private static long threadSleeps() {
        return ProcFile.field(ProcFile.read(Path.of("/proc/thread-self/status")), "voluntary_ctxt_switches:");
    }

    /** The last marked window, once; null if the benchmark marked none. */
    public static synchronized Snapshot takeWindow() {
        Snapshot w = window;
        window = null;
        return w;
    }

    /** A reading; the thread's sleeps only when called on the benchmark thread. */
    public static Snapshot read(boolean benchmarkThread) {
        long minor = -1;
        long major = -1;
        String stat = ProcFile.read(Path.of("/proc/self/stat"));
        if (stat != null) {
            // The command name is in parentheses and may hold spaces: count fields after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            minor = Long.parseLong(f[7]);
            major = Long.parseLong(f[9]);
        }
        String io = ProcFile.read(Path.of("/proc/self/io"));
        String smaps = ProcFile.read(Path.of("/proc/self/smaps_rollup"));
        String vmstat = ProcFile.read(Path.of("/proc/vmstat"));
        long[] disk = disk();
        long sleeps = benchmarkThread ? threadSleeps() : -1;
        long dirty = ProcFile.field(vmstat, "nr_dirty ");
        long writeback = ProcFile.field(vmstat, "nr_writeback ");
        return new Snapshot(minor, major, ProcFile.field(io, "read_bytes:"), ProcFile.field(io, "write_bytes:"),
                disk[0], disk[1], sleeps, ProcFile.field(smaps, "FilePmdMapped:"),
                dirty < 0 || writeback < 0 ? -1 : dirty + writeback, -1, 0);
    }

    /** Bytes the data folder's block device has read and written so far; -1 each where unknown. */
    private static long[] disk() {
        if (diskStat == null) {
            // Looked up until found: the data folder may not exist yet when the first reading is taken.
            diskStat = diskStatOf(DataFile.dataDir());
        }
        String s = diskStat == null ? null : ProcFile.read(diskStat);
        if (s == null) {
            return new long[]{-1, -1};
        }
        String[] f = s.trim().split("\\s+");
        return new long[]{Long.parseLong(f[2]) * SECTOR, Long.parseLong(f[6]) * SECTOR};
    }

    /** {@code /sys/class/block/NAME/stat} of the device holding {@code dir} (a partition has one too), or null. */
    static Path diskStatOf(Path dir) {
        try {
            FileStore store = Files.getFileStore(dir);
            String name = store.name();
            name = name.startsWith("/dev/") ? name.substring(5) : name;
            Path stat = Path.of("/sys/class/block", name, "stat");
            return Files.isReadable(stat) ? stat : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
