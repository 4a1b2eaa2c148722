package mmapbench.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this process has done to memory and the device so far, from /proc: page faults
 * ({@code /proc/self/stat}), bytes read from and written to the device ({@code /proc/self/io}:
 * real storage I/O, readahead included, not bytes copied from the page cache), and how much of
 * its file mappings are mapped with 2 MiB pages ({@code FilePmdMapped} of
 * {@code /proc/self/smaps_rollup}).
 *
 * <p>The file benchmarks mark the timed window themselves ({@link #markStart} at the end of their
 * iteration setup, {@link #markEnd} at the start of its teardown), because the setup evicts and
 * reloads GiBs, which would swamp what the timed code did. They do so only while
 * {@link IoProfiler} is on. With {@code -t N} every thread marks (issue 13): the window runs from
 * the first thread's start to the last thread's end, because JMH keeps early threads running
 * (unmeasured) until the last one is ready, and those operations fault and read too. The price: at
 * HOT, another thread's pre-faulting of its own mapping falls inside the window.
 */
public final class IoCounters {

    /** One reading; -1 where the kernel did not say. */
    public record Snapshot(long minorFaults, long majorFaults, long readBytes, long writeBytes, long pmdMappedKb) {
        Snapshot minus(Snapshot o) {
            return new Snapshot(minorFaults - o.minorFaults, majorFaults - o.majorFaults, readBytes - o.readBytes,
                    writeBytes - o.writeBytes, pmdMappedKb);
        }
    }

    private static volatile boolean enabled;
    private static Snapshot start;
    private static Snapshot window;

    private IoCounters() {
    }

    /** Threads whose timed code is under way. */
    private static int open;

    static synchronized void enable() {
        enabled = true;
        open = 0;
    }

    /** Called by a benchmark when its timed code is about to run. */
    public static synchronized void markStart() {
        if (enabled && open++ == 0) {
            start = read();
            window = null;
            CgroupCounters.markStart(); // issue 13: the memoryLimit cgroup's own counters, same window
        }
    }

    /** Called by a benchmark when its timed code has stopped, before anything is unmapped. */
    public static synchronized void markEnd() {
        if (enabled && open > 0 && --open == 0 && start != null) {
            window = read().minus(start);
            start = null;
            CgroupCounters.markEnd(); // issue 13
        }
    }

    /** The last marked window, once; null if the benchmark marked none. */
    static synchronized Snapshot takeWindow() {
        Snapshot w = window;
        window = null;
        return w;
    }

    public static Snapshot read() {
        long minor = -1;
        long major = -1;
        String stat = text(Path.of("/proc/self/stat"));
        if (stat != null) {
            // The command name is in parentheses and may hold spaces: count fields after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            minor = Long.parseLong(f[7]);
            major = Long.parseLong(f[9]);
        }
        String io = text(Path.of("/proc/self/io"));
        String smaps = text(Path.of("/proc/self/smaps_rollup"));
        return new Snapshot(minor, major, field(io, "read_bytes:"), field(io, "write_bytes:"),
                field(smaps, "FilePmdMapped:"));
    }

    private static long field(String text, String name) {
        if (text == null) {
            return -1;
        }
        for (String line : text.split("\n")) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    private static String text(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
