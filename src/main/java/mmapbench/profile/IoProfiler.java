package mmapbench.profile;

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
 * The evidence behind every number: per operation, the minor and major page faults of the
 * benchmark JVM and the bytes it read from and wrote to the device, and how many MiB of its file
 * mappings were mapped with 2 MiB pages. They land in the JMH JSON as secondary metrics, so a
 * COLD row that read nothing from the device, or a HOT row that faulted, shows itself.
 *
 * <p>{@code -prof mmapbench.profile.IoProfiler}; {@code run-bench.sh} turns it on.
 */
public final class IoProfiler implements InternalProfiler {

    public static final String MINOR = "·faults.minor";
    public static final String MAJOR = "·faults.major";
    public static final String READ = "·device.read";
    public static final String WRITE = "·device.write";
    public static final String PMD = "·mapped.2MiB";

    private IoCounters.Snapshot before;

    @Override
    public String getDescription() {
        return "mmap-bench: page faults and device bytes per operation, 2 MiB-mapped file memory (from /proc)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        IoCounters.enable();
        before = IoCounters.read();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        // The benchmark's own window when it marked one (file benchmarks), else the whole iteration.
        IoCounters.Snapshot w = IoCounters.takeWindow();
        if (w == null) {
            w = IoCounters.read().minus(before);
        }
        long ops = Math.max(1, result.getMetadata().getMeasuredOps());
        List<Result> out = new ArrayList<>();
        add(out, MINOR, w.minorFaults(), ops, "#/op");
        add(out, MAJOR, w.majorFaults(), ops, "#/op");
        add(out, READ, w.readBytes(), ops, "B/op");
        add(out, WRITE, w.writeBytes(), ops, "B/op");
        if (w.pmdMappedKb() >= 0) {
            out.add(new ScalarResult(PMD, w.pmdMappedKb() / 1024.0, "MiB", AggregationPolicy.AVG));
        }
        // Issue 13: under a memoryLimit, the cgroup's page cache, anon memory, evictions and refaults.
        out.addAll(CgroupCounters.results(ops));
        return out;
    }

    private static void add(List<Result> out, String label, long total, long ops, String unit) {
        if (total >= 0) {
            out.add(new ScalarResult(label, (double) total / ops, unit, AggregationPolicy.AVG));
        }
    }
}
