package mmapbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import mmapbench.ipc.Channel;
import mmapbench.ipc.SharedMemoryPingPongBenchmark;
import mmapbench.param.Parameter;
import org.openjdk.jmh.annotations.Mode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The run's speed-ups in the formats that tools tracking benchmarks over time read, written beside
 * its report: {@value #BENCHER} for Bencher, {@value #BENCHMARK_ACTION} for github-action-benchmark.
 * Ratios only, never times: a CI machine's absolute times drift from run to run, while a ratio of
 * two APIs measured in one run is what holds there.
 *
 * <p>One entry per group, its decisive pair's speed-up (the fastest other API's time over the
 * faster mapped API's, with its 95% interval), and per IPC mode one entry per channel and
 * shared-memory baseline. An entry is named by what was measured, never by which APIs came out
 * fastest, so that a group keeps its name, and its history, when its decisive pair changes; the
 * mode is part of every name, since average and sample rows of the same parameters are different
 * series (github-action-benchmark's own {@code jmh} reader names a row by its benchmark and
 * parameters alone, so the two collide there).
 *
 * <p>The formats, as documented:
 * <ul>
 * <li>Bencher Metric Format (https://bencher.dev/docs/reference/bencher-metric-format, JSON schema
 * https://bencher.dev/bmf.json): an object whose keys are benchmark names (up to 1024 characters),
 * each an object whose keys are measure slugs or names (up to 64 characters; a measure that does not
 * exist yet is created), each {@code {"value": number, "lower_value": number, "upper_value": number}}
 * with only {@code value} required: the interval maps onto the two bounds one to one.</li>
 * <li>github-action-benchmark, {@code tool: customBiggerIsBetter} (its README's section on
 * {@code customBiggerIsBetter} and {@code customSmallerIsBetter}; {@code src/extract.ts}, whose
 * {@code BenchmarkResult} schema checks each entry): a JSON array of
 * {@code {"name": string, "unit": string, "value": number}}, with an optional {@code "range"}
 * string (shown as the result's variation) and an optional {@code "extra"} string (shown in the
 * tooltip). Bigger is better here: a bigger speed-up of the mapping, or of shared memory.</li>
 * </ul>
 */
public final class CiFiles {

    public static final String BENCHER = "bencher.json";
    public static final String BENCHMARK_ACTION = "benchmark-action.json";
    /** Bencher's measure: how many times faster, for every entry. */
    static final String MEASURE = "speed-up";
    static final String UNIT = "x";
    /** A COLD group's read-around in KiB: measured, not a parameter, so it has a name of its own here. */
    static final String READ_AROUND_KIB = "readAroundKiB";

    /**
     * One speed-up.
     *
     * @param low  the interval's bounds; NaN when there is none (IPC rows: one fork)
     * @param note what the ratio is of, for people
     */
    record Entry(String name, double value, double low, double high, String note) {

        boolean bounded() {
            return Double.isFinite(low) && Double.isFinite(high);
        }
    }

    private CiFiles() {
    }

    /** Writes both files into {@code dir}. */
    static void write(Path dir, List<Comparison> comparisons, List<IpcLatencies.Latency> latencies)
            throws IOException {
        List<Entry> entries = entries(comparisons, latencies);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(dir.resolve(BENCHER).toFile(), bencher(entries));
        json.writeValue(dir.resolve(BENCHMARK_ACTION).toFile(), benchmarkAction(entries));
    }

    static List<Entry> entries(List<Comparison> comparisons, List<IpcLatencies.Latency> latencies) {
        List<Entry> out = new ArrayList<>();
        for (Comparison c : comparisons) {
            if (c.decisive() && Double.isFinite(c.interval().ratio())) {
                out.add(new Entry(name(c.group()), c.interval().ratio(), c.interval().low(), c.interval().high(),
                        c.mapped().method + " / " + c.other().method + " (the decisive pair: the faster mapped API"
                                + " over the fastest other API), " + c.verdictLabel()));
            }
        }
        out.addAll(ipc(Mode.SampleTime, "p50", IpcLatencies.Latency::p50, latencies));
        out.addAll(ipc(Mode.AverageTime, "mean", IpcLatencies.Latency::averageMean, latencies));
        return out;
    }

    /**
     * Every part of the group's identity, e.g. "RandomRead:ss blockSize=8 cache=WARM folios=SMALL
     * fileSize=4294967296 ops=65536 advice=RANDOM": a row timed per call of {@code ops} operations
     * (single-shot) and one timed by the clock (average mode) are different series.
     */
    static String name(Group g) {
        Map<String, String> settings = new TreeMap<>(g.variant().settings());
        String mode = g.ops() > 0 ? JmhResults.SINGLE_SHOT
                : Objects.requireNonNullElse(settings.remove(Variant.Param.MODE.name), Variant.Param.MODE.plain);
        settings.remove(Variant.Param.MODE.name);
        StringJoiner name = new StringJoiner(" ", g.question().label().replace(" (", "-").replace(")", "") + ":" + mode + " ", "");
        name.add(Parameter.BLOCK_SIZE.name + "=" + g.blockSize());
        name.add(Parameter.CACHE.name + "=" + Parameter.CACHE.format(g.cache()));
        if (g.folios() != null) {
            name.add(Parameter.FOLIOS.name + "=" + Parameter.FOLIOS.format(g.folios()));
        }
        if (!g.fileSize().isEmpty()) {
            name.add(Parameter.FILE_SIZE.name + "=" + g.fileSize());
        }
        if (g.ops() > 0) {
            name.add(Parameter.OPS.name + "=" + g.ops());
        }
        if (g.readAroundKb() > 0) {
            // What the COLD rows' faults read around, as their evidence saw it (what readAhead set, or the device's).
            name.add(READ_AROUND_KIB + "=" + g.readAroundKb());
        }
        settings.forEach((k, v) -> name.add(k + "=" + v));
        return name.toString();
    }

    /** Each channel's {@code statistic} over each baseline's, at the same payload and placement, in one mode. */
    private static List<Entry> ipc(Mode jmhMode, String statistic, ToDoubleFunction<IpcLatencies.Latency> figure,
                                   List<IpcLatencies.Latency> latencies) {
        String benchmark = SharedMemoryPingPongBenchmark.class.getSimpleName().replace("Benchmark", "");
        String mode = jmhMode.shortLabel();
        List<Entry> out = new ArrayList<>();
        for (Channel baseline : IpcLatencies.BASELINES) {
            for (IpcLatencies.Latency base : latencies) {
                if (base.channel() != baseline) {
                    continue;
                }
                for (IpcLatencies.Latency other : latencies) {
                    double ratio = figure.applyAsDouble(other) / figure.applyAsDouble(base);
                    if (other.channel().compareTo(baseline) > 0 && other.payload() == base.payload()
                            && other.cpus() == base.cpus() && Double.isFinite(ratio)) {
                        out.add(new Entry(benchmark + ":" + mode + " " + baseline + " / " + other.channel() + " "
                                + Parameter.PAYLOAD.name + "=" + base.payload() + " " + Parameter.CPUS.name + "="
                                + Parameter.CPUS.format(base.cpus()), ratio, Double.NaN, Double.NaN,
                                other.channel() + "'s " + statistic + " round trip over " + baseline + "'s (" + mode
                                        + " mode): how many times faster " + baseline + " is; no interval"));
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, Map<String, Map<String, Double>>> bencher(List<Entry> entries) {
        Map<String, Map<String, Map<String, Double>>> out = new LinkedHashMap<>();
        for (Entry e : entries) {
            Map<String, Double> metric = new LinkedHashMap<>();
            metric.put("value", e.value());
            if (e.bounded()) {
                metric.put("lower_value", e.low());
                metric.put("upper_value", e.high());
            }
            out.put(e.name(), Map.of(MEASURE, metric));
        }
        return out;
    }

    private static List<Map<String, Object>> benchmarkAction(List<Entry> entries) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> bench = new LinkedHashMap<>();
            bench.put("name", e.name());
            bench.put("unit", UNIT);
            bench.put("value", e.value());
            if (e.bounded()) {
                bench.put("range", "95%: " + Numbers.fmt(e.low()) + "–" + Numbers.fmt(e.high()));
            }
            bench.put("extra", e.note());
            out.add(bench);
        }
        return out;
    }
}
