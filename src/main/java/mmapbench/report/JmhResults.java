package mmapbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mmapbench.file.Api;
import mmapbench.file.Question;
import mmapbench.param.Parameter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads JMH's JSON result format (what {@code -rf json} writes) with Jackson. */
public final class JmhResults {

    /** The package of this suite's benchmarks: rows from other suites are left out. */
    static final String OURS = "mmapbench.";

    private JmhResults() {
    }

    /**
     * The bytes of a result file; a published one is kept gzipped ({@code jmh-result.json.gz}),
     * since a full run's JSON is tens of MiB of text and a git repository holds every version.
     */
    private static byte[] content(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Files.readAllBytes(file);
        }
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    /**
     * The rows of this suite in {@code file} (JMH's JSON, or the same gzipped).
     *
     * @throws BadResultFile with one line that says what is wrong with the file
     */
    public static List<Row> read(Path file) throws BadResultFile {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(content(file));
        } catch (NoSuchFileException e) {
            throw new BadResultFile(file + ": no such file");
        } catch (JsonProcessingException e) {
            String what = e.getMessage() != null && e.getMessage().contains("end-of-input")
                    ? "is truncated (the JSON ends early: was the run interrupted?)"
                    : "is not JSON (" + e.getOriginalMessage() + ")";
            throw new BadResultFile(file + " " + what);
        } catch (IOException e) {
            throw new BadResultFile(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || root.isMissingNode()) {
            throw new BadResultFile(file + " is empty: a JMH result file is a JSON array");
        }
        if (!root.isArray() || (!root.isEmpty() && !looksLikeJmh(root.get(0)))) {
            throw new BadResultFile(file + " is JSON but not JMH output: expected an array of results with"
                    + " \"benchmark\" and \"primaryMetric\" (java -jar benchmarks.jar -rf json writes one)");
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : root) {
            if (!looksLikeJmh(r)) {
                throw new BadResultFile(file + " is JSON but not JMH output: a result lacks \"benchmark\" or"
                        + " \"primaryMetric\"");
            }
            String benchmark = r.get("benchmark").asText();
            if (!benchmark.startsWith(OURS)) {
                continue;
            }
            rows.add(row(benchmark, r));
        }
        if (rows.isEmpty()) {
            throw new BadResultFile(file + " holds no result of mmap-bench's benchmarks (" + OURS + "*): run"
                    + " ./run-bench.sh to make one");
        }
        return rows;
    }

    /** JMH's name for single-shot mode in its result JSON. */
    static final String SINGLE_SHOT = "ss";

    private static boolean looksLikeJmh(JsonNode r) {
        return r != null && r.isObject() && r.hasNonNull("benchmark") && r.path("primaryMetric").isObject()
                && r.path("primaryMetric").has("score");
    }

    private static Row row(String benchmark, JsonNode r) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            params.put(e.getKey(), e.getValue().asText());
        }
        Optional<Question> question = Question.of(benchmark, params);
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        boolean control = question.isPresent() && method.endsWith(Api.CONTROL_SUFFIX);
        Optional<Api> api = question.isEmpty() ? Optional.empty()
                : api(control ? method.substring(0, method.length() - Api.CONTROL_SUFFIX.length()) : method);
        JsonNode pm = r.get("primaryMetric");
        String unit = pm.path("scoreUnit").asText();
        // A single-shot call of a file benchmark runs `ops` operations: its score is theirs together.
        long opsPerCall = question.isPresent() && SINGLE_SHOT.equals(r.path("mode").asText())
                ? Parameter.operationsPerCall(params) : 1;
        double toNanos = nanosPer(unit) / Math.max(1, opsPerCall);
        double score = number(pm.get("score")) * toNanos;
        double error = number(pm.get("scoreError")) * toNanos;
        List<List<Double>> forks = new ArrayList<>();
        for (JsonNode fork : pm.path("rawData")) {
            List<Double> iterations = new ArrayList<>();
            for (JsonNode x : fork) {
                iterations.add(number(x) * toNanos);
            }
            if (!iterations.isEmpty()) {
                forks.add(List.copyOf(iterations));
            }
        }
        List<Double> medians = new ArrayList<>();
        if (forks.isEmpty() && pm.path("rawDataHistogram").isArray()) {
            // Sample mode keeps each iteration's samples as a histogram: its mean is the iteration's
            // score, and the fork's median is what a round of it says of a typical operation.
            for (JsonNode fork : pm.path("rawDataHistogram")) {
                List<Double> iterations = new ArrayList<>();
                java.util.TreeMap<Double, Long> all = new java.util.TreeMap<>();
                for (JsonNode iteration : fork) {
                    double sum = 0;
                    long count = 0;
                    for (JsonNode bin : iteration) {
                        double value = number(bin.get(0)) * toNanos;
                        long n = bin.get(1).asLong();
                        sum += value * n;
                        count += n;
                        all.merge(value, n, Long::sum);
                    }
                    if (count > 0) {
                        iterations.add(sum / count);
                    }
                }
                if (!iterations.isEmpty()) {
                    forks.add(List.copyOf(iterations));
                    medians.add(median(all));
                }
            }
        }
        if (forks.isEmpty() && !Double.isNaN(score)) {
            // No raw data (an old or hand-made file): the score is one fork of one iteration.
            forks.add(List.of(score));
        }
        Map<String, Double> percentiles = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = pm.path("scorePercentiles").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            percentiles.put(e.getKey(), number(e.getValue()) * toNanos);
        }
        Map<String, Double> secondary = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("secondaryMetrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            secondary.put(e.getKey(), number(e.getValue().get("score")));
        }
        return new Row(benchmark, question, api, control, r.path("mode").asText(), r.path("threads").asInt(1), params,
                score, error, unit, List.copyOf(forks), percentiles, secondary, List.copyOf(medians));
    }

    /** The lower median of a histogram (value to count). */
    private static double median(java.util.TreeMap<Double, Long> histogram) {
        long total = histogram.values().stream().mapToLong(Long::longValue).sum();
        long seen = 0;
        for (Map.Entry<Double, Long> e : histogram.entrySet()) {
            seen += e.getValue();
            if (2 * seen >= total) {
                return e.getKey();
            }
        }
        return Double.NaN;
    }

    /** A file benchmark method that names no API (a method added after this report) is left out, not fatal. */
    private static Optional<Api> api(String method) {
        try {
            return Optional.of(Api.ofMethod(method));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** JMH writes NaN as a string. */
    private static double number(JsonNode n) {
        if (n == null || n.isNull()) {
            return Double.NaN;
        }
        return n.isNumber() ? n.asDouble() : parse(n.asText());
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Nanoseconds in one unit of a time-per-operation score; NaN for throughput units. */
    static double nanosPer(String unit) {
        return switch (unit) {
            case "ns/op" -> 1;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> Double.NaN;
        };
    }
}
