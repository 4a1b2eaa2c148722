package mmapbench.stall;

import org.HdrHistogram.Histogram;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.List;

/**
 * What the rest of the JVM suffered over one timed window: the bystander's hiccups (p99 and
 * max, ns) and the JVM's safepoints (how many, their total time, and the time to safepoint:
 * total, p99, max). JMH's secondary metrics of a {@link JvmStallBenchmark} row, per iteration.
 */
public record Stall(long hiccups, long hiccupP99Nanos, long hiccupMaxNanos, long safepoints, long safepointNanos,
                    long ttspTotalNanos, long ttspP99Nanos, long ttspMaxNanos) {

    public static final String HICCUPS = "·hiccups";
    public static final String HICCUP_P99 = "·hiccup.p99";
    public static final String HICCUP_MAX = "·hiccup.max";
    public static final String SAFEPOINTS = "·safepoints";
    public static final String SAFEPOINT_TIME = "·safepoint.time";
    public static final String TTSP_TOTAL = "·ttsp.total";
    public static final String TTSP_P99 = "·ttsp.p99";
    public static final String TTSP_MAX = "·ttsp.max";

    public static Stall of(Histogram hiccups, Safepoints.Window safepoints) {
        Histogram sync = safepoints.sync();
        return new Stall(hiccups.getTotalCount(), hiccups.getValueAtPercentile(99), hiccups.getMaxValue(),
                safepoints.count(), safepoints.totalNanos(), safepoints.syncTotalNanos(),
                sync.getTotalCount() == 0 ? 0 : sync.getValueAtPercentile(99), sync.getMaxValue());
    }

    /**
     * As JMH's secondary metrics. MAX across iterations for the maxima (the worst one seen), AVG
     * for the rest: JMH has no percentile of percentiles, and the report says which is which.
     */
    public List<Result> results() {
        return List.of(
                new ScalarResult(HICCUPS, hiccups, "#", AggregationPolicy.AVG),
                new ScalarResult(HICCUP_P99, hiccupP99Nanos, "ns", AggregationPolicy.AVG),
                new ScalarResult(HICCUP_MAX, hiccupMaxNanos, "ns", AggregationPolicy.MAX),
                new ScalarResult(SAFEPOINTS, safepoints, "#", AggregationPolicy.AVG),
                new ScalarResult(SAFEPOINT_TIME, safepointNanos, "ns", AggregationPolicy.AVG),
                new ScalarResult(TTSP_TOTAL, ttspTotalNanos, "ns", AggregationPolicy.AVG),
                new ScalarResult(TTSP_P99, ttspP99Nanos, "ns", AggregationPolicy.AVG),
                new ScalarResult(TTSP_MAX, ttspMaxNanos, "ns", AggregationPolicy.MAX));
    }
}
