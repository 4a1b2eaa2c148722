package mmapbench.profile;

import mmapbench.fixture.DataFile;
import mmapbench.fixture.ReadAround;
import mmapbench.param.Parameter;
import mmapbench.tail.TailProfiler;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The evidence behind every number, per operation over the timed window of each iteration (see
 * {@link IoCounters} for where each comes from): page faults; storage reads this process caused
 * ({@code ·io.read}) and bytes it dirtied ({@code ·dirtied}); what the data's block device itself
 * read and wrote ({@code ·disk.read}, {@code ·disk.written}); the benchmark thread's sleeps
 * ({@code ·sleeps}); and per iteration the share of the benchmark threads' timed window the
 * kernel's dirty-page throttle held them ({@code ·throttled.time}: asleep in {@code balance_dirty_pages},
 * looked at every {@value ThrottleSampler#PERIOD_MILLIS} ms by {@link ThrottleSampler}; file
 * benchmarks only), the machine's dirty level at the window's end ({@code ·dirty}, MiB) and how
 * many MiB of file mappings were mapped with 2 MiB pages ({@code ·mapped.2MiB}); for a benchmark
 * without a window of its own (IPC), the JVM's context switches per operation ({@code ·switches}).
 * They land in the JMH JSON as secondary metrics, so a COLD row that read nothing, a HOT row that
 * faulted or a write row that the kernel paced shows itself.
 *
 * <p>It also publishes the tail benchmarks' percentiles ({@link TailProfiler}), so that the one
 * profiler {@code run-bench.sh} turns on for every leg brings them.
 *
 * <p>{@code -prof mmapbench.profile.IoProfiler}; {@code run-bench.sh} turns it on.
 */
public final class IoProfiler implements InternalProfiler {

    public static final String MINOR = "·faults.minor";
    public static final String MAJOR = "·faults.major";
    public static final String READ = "·io.read";
    public static final String DIRTIED = "·dirtied";
    public static final String DISK_READ = "·disk.read";
    public static final String DISK_WRITTEN = "·disk.written";
    public static final String SLEEPS = "·sleeps";
    /**
     * A new name for a new measure: runs before the {@link ThrottleSampler} wrote {@code ·throttled},
     * one reading of the dirty level at the window's end, which misses a paced writer.
     */
    public static final String THROTTLED = "·throttled.time";
    /** How often {@link ThrottleSampler} looks at the benchmark threads, for the report's explanation. */
    public static final long THROTTLE_LOOK_MILLIS = ThrottleSampler.PERIOD_MILLIS;
    public static final String DIRTY = "·dirty";
    public static final String PMD = "·mapped.2MiB";
    /** The data device's read-around in force at the iteration's end, KiB: what a COLD fault reads around. */
    public static final String READ_AROUND = "·readAround";
    /**
     * Of a benchmark that marks no window of its own (the IPC round trips): the context switches of
     * every thread of the benchmark JVM over the iteration, voluntary and involuntary, per operation.
     */
    public static final String SWITCHES = "·switches";
    /** Operations per iteration: turns a per-operation figure back into what one iteration did. */
    public static final String OPS = "·ops";

    private static final double MIB = 1 << 20;
    private static final long PAGE = 4096;

    private IoCounters.Snapshot before;
    /** The data device's read-around when the iteration began, KiB; -1 where unknown. */
    private long readAroundBefore = -1;
    private long switchesBefore;
    private final TailProfiler tail = new TailProfiler();

    @Override
    public String getDescription() {
        return "mmap-bench: page faults, storage and disk bytes, dirty pages and the throttle, per operation (from /proc and /sys)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        IoCounters.enable();
        before = IoCounters.read(false);
        // Now, not after the iteration: the last one's trial teardown puts a setting back first.
        readAroundBefore = ReadAround.current(DataFile.dataDir());
        switchesBefore = IoCounters.processContextSwitches();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        // The benchmark's own window when it marked one (file benchmarks), else the whole iteration.
        IoCounters.Snapshot w = IoCounters.takeWindow();
        long ops;
        long switches = -1;
        if (w == null) {
            w = IoCounters.read(false).minus(before);
            ops = result.getMetadata().getMeasuredOps();
            long now = IoCounters.processContextSwitches();
            // Threads that ended during the iteration took their switches with them: then it is unknown.
            switches = now < 0 || switchesBefore < 0 || now < switchesBefore ? -1 : now - switchesBefore;
        } else {
            // The window holds every operation the threads ran between their starts and ends,
            // including those JMH ran unmeasured while other threads were not yet (or no longer) timed.
            ops = result.getMetadata().getAllOps();
        }
        // A single-shot call of a file benchmark runs many operations (see FileBenchmark).
        if (benchmarkParams.getMode() == Mode.SingleShotTime) {
            java.util.Map<String, String> params = new java.util.HashMap<>();
            benchmarkParams.getParamsKeys().forEach(k -> params.put(k, benchmarkParams.getParam(k)));
            ops *= Parameter.operationsPerCall(params);
        }
        ops = Math.max(1, ops);
        List<Result> out = new ArrayList<>();
        perOp(out, MINOR, w.minorFaults(), ops, "#/op");
        perOp(out, MAJOR, w.majorFaults(), ops, "#/op");
        perOp(out, READ, w.readBytes(), ops, "B/op");
        perOp(out, DIRTIED, w.dirtiedBytes(), ops, "B/op");
        perOp(out, DISK_READ, w.diskReadBytes(), ops, "B/op");
        perOp(out, DISK_WRITTEN, w.diskWrittenBytes(), ops, "B/op");
        perOp(out, SLEEPS, w.sleeps(), ops, "#/op");
        perOp(out, SWITCHES, switches, ops, "#/op");
        out.add(new ScalarResult(OPS, ops, "#", AggregationPolicy.AVG));
        if (w.throttleSamples() >= 0) {
            out.add(new ScalarResult(THROTTLED, w.throttledShare(), "share", AggregationPolicy.AVG));
        }
        if (w.dirtyPages() >= 0) {
            out.add(new ScalarResult(DIRTY, w.dirtyPages() * PAGE / MIB, "MiB", AggregationPolicy.AVG));
        }
        if (readAroundBefore >= 0) {
            out.add(new ScalarResult(READ_AROUND, readAroundBefore, "KiB", AggregationPolicy.AVG));
        }
        if (w.pmdMappedKb() >= 0) {
            out.add(new ScalarResult(PMD, w.pmdMappedKb() / 1024.0, "MiB", AggregationPolicy.AVG));
        }
        // Under a memoryLimit, the cgroup's page cache, anon memory, evictions and refaults.
        out.addAll(CgroupCounters.results(ops));
        out.addAll(tail.after(iterationParams.getType(), iterationParams.getCount()));
        // Of a stall benchmark: what its bystander thread and the JVM's safepoints went through.
        out.addAll(mmapbench.stall.StallWindow.takeResults());
        return out;
    }

    private static void perOp(List<Result> out, String label, long total, long ops, String unit) {
        if (total >= 0) {
            out.add(new ScalarResult(label, (double) total / ops, unit, AggregationPolicy.AVG));
        }
    }
}
