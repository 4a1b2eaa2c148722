package mmapbench.profile;

import mmapbench.fixture.ProcFile;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The evidence of a limited run ({@code memoryLimit}): what the benchmark JVM's own memory cgroup
 * holds and evicts, from its {@code memory.stat}, over the same timed window as {@link IoCounters}.
 * Nothing is reported when the JVM is in no cgroup of ours.
 *
 * <ul>
 *   <li>{@value #CACHE}: MiB of page cache the cgroup holds at the end of the window (v1
 *       {@code cache}, v2 {@code file}): at most the file's share when the limit works.</li>
 *   <li>{@value #ANON}: MiB of anonymous memory charged to it (v1 {@code rss}, v2 {@code anon}):
 *       what the JVM charged after it joined, the headroom's measure.</li>
 *   <li>{@value #EVICTIONS}: per operation, v2 {@code pgsteal} (pages reclaimed), v1 {@code pgpgout}
 *       (uncharge events: a large folio counts once, so it undercounts pages).</li>
 *   <li>{@value #REFAULTS}: per operation, {@code workingset_refault_file}: pages evicted and then
 *       read back, the mark of a working set larger than memory.</li>
 * </ul>
 */
public final class CgroupCounters {

    public static final String CACHE = "·cgroup.cache";
    public static final String ANON = "·cgroup.anon";
    public static final String EVICTIONS = "·cgroup.evictions";
    public static final String REFAULTS = "·cgroup.refaults";

    record Snapshot(long cacheBytes, long anonBytes, long evictions, long refaults) {
    }

    private static volatile Path stat;
    private static volatile boolean v1;
    private static Snapshot start;
    private static Snapshot window;

    private CgroupCounters() {
    }

    /** From now on, count the cgroup whose {@code memory.stat} this is; null to stop. */
    public static synchronized void watch(Path statFile, boolean cgroupV1) {
        v1 = cgroupV1;
        stat = statFile;
        start = null;
        if (statFile != null) {
            window = null;
        }
        // On stop, the last iteration's window stays: the trial's teardown runs before the profiler reads it.
    }

    static synchronized void markStart() {
        start = read();
        window = null;
    }

    static synchronized void markEnd() {
        Snapshot now = read();
        if (start != null && now != null) {
            window = new Snapshot(now.cacheBytes(), now.anonBytes(), now.evictions() - start.evictions(),
                    now.refaults() - start.refaults());
        }
        start = null;
    }

    /** The secondary metrics of the last marked window, once; empty when there was none. */
    static synchronized List<Result> results(long ops) {
        List<Result> out = new ArrayList<>();
        Snapshot w = window;
        window = null;
        if (w != null) {
            out.add(new ScalarResult(CACHE, w.cacheBytes() / 1048576.0, "MiB", AggregationPolicy.AVG));
            out.add(new ScalarResult(ANON, w.anonBytes() / 1048576.0, "MiB", AggregationPolicy.AVG));
            out.add(new ScalarResult(EVICTIONS, (double) w.evictions() / ops, "#/op", AggregationPolicy.AVG));
            out.add(new ScalarResult(REFAULTS, (double) w.refaults() / ops, "#/op", AggregationPolicy.AVG));
        }
        return out;
    }

    /** Now, or null when no cgroup is watched or it cannot be read. */
    static Snapshot read() {
        Path p = stat;
        if (p == null) {
            return null;
        }
        String text = ProcFile.read(p);
        if (text == null) {
            return null;
        }
        return v1
                ? new Snapshot(field(text, "cache"), field(text, "rss"), field(text, "pgpgout"),
                field(text, "workingset_refault_file"))
                : new Snapshot(field(text, "file"), field(text, "anon"), field(text, "pgsteal"),
                field(text, "workingset_refault_file"));
    }

    /** A counter of memory.stat; one the kernel does not keep counts 0. */
    private static long field(String text, String name) {
        return Math.max(0, ProcFile.field(text, name + " "));
    }
}
