package mmapbench.tail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mmapbench.file.Api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * One tail row of a JMH result file: a {@code mmapbench.tail} benchmark's parameters and,
 * per fork, the value of each {@link TailProfiler} metric. The report's {@code Row} keeps a
 * secondary metric's mean alone; a tail ratio needs each fork's value, which JMH writes in the
 * metric's raw data (one array per fork; the profiler publishes in a fork's last iteration only).
 *
 * @param benchmark the JMH benchmark, {@code mmapbench.tail.ReadTailBenchmark.memorySegment}
 * @param threads   JMH's thread count
 * @param params    the row's parameters, by name, sorted
 * @param forks     per metric label, each fork's value (NaN where a fork has none)
 */
public record TailRow(String benchmark, int threads, Map<String, String> params, Map<String, double[]> forks) {

    static final String PACKAGE = "mmapbench.tail.";

    /** The benchmark method: {@code memorySegment}, {@code fileChannelControl}. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** The benchmark class's simple name. */
    public String benchmarkClass() {
        String cls = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    public boolean control() {
        return method().endsWith(Api.CONTROL_SUFFIX);
    }

    public Api api() {
        return Api.ofMethod(method());
    }

    /** Each fork's value of {@code label}; empty when the row has none. */
    public double[] perFork(String label) {
        return forks.getOrDefault(label, new double[0]);
    }

    /** The geometric mean over forks of {@code label}: the scale the ratios are on; NaN without one. */
    public double typical(String label) {
        double sum = 0;
        int n = 0;
        for (double v : perFork(label)) {
            if (v > 0) {
                sum += Math.log(v);
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.exp(sum / n);
    }

    /** The fewest operations a fork recorded (a percentile is only as good as its thinnest fork); 0 without any. */
    public long fewestSamples() {
        double[] s = perFork(TailProfiler.SAMPLES);
        if (s.length == 0) {
            return 0;
        }
        double min = Double.MAX_VALUE;
        for (double v : s) {
            min = Math.min(min, Double.isNaN(v) ? 0 : v);
        }
        return (long) min;
    }

    /**
     * Whether every fork has enough operations above {@code percentile} for it to be a figure and
     * not its largest sample or two: {@value #ABOVE} or more.
     */
    public boolean reaches(double percentile) {
        return fewestSamples() * (1 - percentile / 100) >= ABOVE;
    }

    /** Operations a fork must have above a percentile for the report to print it. */
    public static final int ABOVE = 5;

    /** The tail rows of {@code file} (JMH's JSON, or the same gzipped), in file order; empty when it has none. */
    public static List<TailRow> read(Path file) throws IOException {
        JsonNode root;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            root = new ObjectMapper().readTree(in);
        }
        List<TailRow> out = new ArrayList<>();
        if (root == null || !root.isArray()) {
            return out;
        }
        for (JsonNode r : root) {
            String benchmark = r.path("benchmark").asText();
            if (!benchmark.startsWith(PACKAGE)) {
                continue;
            }
            Map<String, String> params = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
            Map<String, double[]> forks = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("secondaryMetrics").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode raw = e.getValue().path("rawData");
                double[] values = new double[raw.size()];
                for (int i = 0; i < values.length; i++) {
                    // One value a fork; should a fork hold more, its last is the one after all its iterations.
                    JsonNode fork = raw.get(i);
                    values[i] = fork.isEmpty() ? Double.NaN : number(fork.get(fork.size() - 1));
                }
                forks.put(e.getKey(), values);
            }
            out.add(new TailRow(benchmark, r.path("threads").asInt(1), params, forks));
        }
        return out;
    }

    /** JMH writes NaN as a string. */
    private static double number(JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
