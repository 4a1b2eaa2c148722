package mmapbench.tail;

import org.HdrHistogram.Histogram;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The distribution of single operations of a fork, as JMH secondary metrics: {@code ·p50},
 * {@code ·p90}, {@code ·p99}, {@code ·p99.9}, {@code ·p99.99} and {@code ·max} (ns), over every
 * operation of every thread in all of the fork's measurement iterations together, with
 * {@code ·samples} (how many there were) and {@code ·timer} (ns: the median of back-to-back
 * {@code System.nanoTime()} pairs in this JVM, which every recorded time includes once).
 *
 * <p>Why per fork and not per iteration: an iteration is one single-shot call of few operations
 * (128 from a cold file), whose p99.9 does not exist; JMH would average per-iteration
 * percentiles, which is no percentile at all. So the fork's operations are pooled and published
 * once, after its last measurement iteration: each fork then has exactly one value per metric in
 * the result JSON's raw data, and the fork is the independent sample the report's intervals
 * are built on. JMH's own score of such a metric is the largest fork's value (aggregation MAX):
 * with one value in one of a fork's iterations, an average would divide by all of them. The
 * report reads each fork's value from the raw data.
 *
 * <p>{@code -prof mmapbench.tail.TailProfiler}, or through {@code IoProfiler}, which
 * {@code run-bench.sh} turns on and which publishes these too (with both on, whichever JMH
 * calls first publishes, the other finds nothing).
 */
public final class TailProfiler implements InternalProfiler {

    /** The percentiles published, with their labels: p99.99 needs 10⁴ operations or more a fork to mean anything. */
    public static final List<Percentile> PERCENTILES = List.of(new Percentile("·p50", 50), new Percentile("·p90", 90),
            new Percentile("·p99", 99), new Percentile("·p99.9", 99.9), new Percentile("·p99.99", 99.99));
    public static final String MAX = "·max";
    public static final String SAMPLES = "·samples";
    public static final String TIMER = "·timer";

    /** One published percentile: its metric label and the percentile (0 to 100). */
    public record Percentile(String label, double percentile) {
    }

    /** Timer pairs per measurement of the timer's cost: enough for a median, a few ms. */
    static final int TIMER_PAIRS = 200_000;

    private final Histogram fork = OperationTimes.newHistogram();
    private int measured;

    @Override
    public String getDescription() {
        return "mmap-bench: percentiles of single-operation times per fork (HdrHistogram), and the timer's own cost";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        return after(iterationParams.getType(), iterationParams.getCount());
    }

    /** After an iteration of {@code type}, of {@code count} measurement iterations a fork: results after the last. */
    public List<Result> after(IterationType type, int count) {
        if (type != IterationType.MEASUREMENT) {
            OperationTimes.drain(null);
            return List.of();
        }
        OperationTimes.drain(fork);
        if (++measured < count) {
            return List.of();
        }
        // The timer only where something was timed: every other benchmark's fork pays nothing.
        List<Result> out = fork.getTotalCount() == 0 ? List.of() : results(fork, timerCost());
        OperationTimes.forgetAll();
        fork.reset();
        measured = 0;
        return out;
    }

    /** The fork's metrics from its pooled times; none when it recorded nothing (a benchmark that times no single operation). */
    static List<Result> results(Histogram times, double timerNanos) {
        List<Result> out = new ArrayList<>();
        if (times.getTotalCount() == 0) {
            return out;
        }
        for (Percentile p : PERCENTILES) {
            out.add(nanos(p.label(), times.getValueAtPercentile(p.percentile())));
        }
        out.add(nanos(MAX, times.getMaxValue()));
        out.add(new ScalarResult(SAMPLES, times.getTotalCount(), "#", AggregationPolicy.MAX));
        if (!Double.isNaN(timerNanos)) {
            out.add(nanos(TIMER, timerNanos));
        }
        return out;
    }

    private static ScalarResult nanos(String label, double value) {
        return new ScalarResult(label, value, "ns", AggregationPolicy.MAX);
    }

    /**
     * The median of back-to-back {@code System.nanoTime()} pairs: what two clock reads add to
     * each recorded operation. Measured three times, the last kept, so that the loop is compiled.
     */
    static double timerCost() {
        Histogram pairs = OperationTimes.newHistogram();
        for (int round = 0; round < 3; round++) {
            pairs.reset();
            for (int i = 0; i < TIMER_PAIRS; i++) {
                long start = System.nanoTime();
                pairs.recordValue(System.nanoTime() - start);
            }
        }
        return pairs.getValueAtPercentile(50);
    }
}
