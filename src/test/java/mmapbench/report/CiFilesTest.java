package mmapbench.report;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mmapbench.environment.EnvironmentFile;
import mmapbench.file.Question;
import mmapbench.fixture.CacheState;
import mmapbench.ipc.Channel;
import mmapbench.ipc.Cpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static mmapbench.report.JmhResultsTest.golden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The CI files: each is checked against its format's documented shape (Bencher's BMF JSON schema,
 * https://bencher.dev/bmf.json, and its length limits; github-action-benchmark's
 * {@code BenchmarkResult} schema in its src/extract.ts), carries every decisive pair with its
 * interval, and names every entry once, by what was measured.
 */
class CiFilesTest {

    /** Strict: a name written twice would be a key that JSON readers silently keep once. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @TempDir
    Path dir;

    @Test
    void aRunWritesBothFilesInTheirShapeWithEveryDecisivePair() throws Exception {
        Files.copy(golden("full-4k-environment.json"), dir.resolve(EnvironmentFile.FILE));
        Path result = Files.copy(golden("full-4k.json.gz"), dir.resolve("jmh-result.json.gz"));
        Report report = Report.of(result);
        report.write();
        Map<String, JsonNode> bencher = bencher(dir.resolve(CiFiles.BENCHER));
        Map<String, JsonNode> action = benchmarkAction(dir.resolve(CiFiles.BENCHMARK_ACTION));
        assertEquals(bencher.keySet(), action.keySet(), "the two files name the same entries");
        List<Comparison> decisive = report.comparisons().stream().filter(Comparison::decisive).toList();
        assertTrue(decisive.size() >= 5, "the golden run has decisive pairs: " + decisive.size());
        assertEquals(decisive.size(), bencher.size(), "one entry per decisive pair, and nothing else (no IPC rows)");
        for (Comparison c : decisive) {
            String name = CiFiles.name(c.group());
            JsonNode metric = bencher.get(name);
            assertTrue(metric != null, "no entry for " + c.group().label() + " " + c.group().variant().label());
            assertEquals(c.interval().ratio(), metric.get("value").asDouble(), name);
            assertEquals(c.interval().low(), metric.get("lower_value").asDouble(), name);
            assertEquals(c.interval().high(), metric.get("upper_value").asDouble(), name);
            JsonNode bench = action.get(name);
            assertEquals(c.interval().ratio(), bench.get("value").asDouble(), name);
            assertEquals("95%: " + Numbers.fmt(c.interval().low()) + "–" + Numbers.fmt(c.interval().high()),
                    bench.get("range").asText(), name);
            assertTrue(bench.get("extra").asText().startsWith(c.mapped().method + " / " + c.other().method), name);
        }
    }

    @Test
    void theFilesOfAPublishedRunAreTheGoldenOnes() throws Exception {
        Files.copy(golden("full-4k-environment.json"), dir.resolve(EnvironmentFile.FILE));
        Report.of(Files.copy(golden("full-4k.json.gz"), dir.resolve("jmh-result.json.gz"))).write();
        for (String file : List.of(CiFiles.BENCHER, CiFiles.BENCHMARK_ACTION)) {
            String want = Files.readString(golden("report/full-4k." + file));
            String got = Files.readString(dir.resolve(file));
            if (!want.equals(got)) {
                Path out = Files.createDirectories(Path.of("target", "golden-report")).resolve("full-4k." + file);
                Files.writeString(out, got);
                fail(out.toAbsolutePath() + " differs from golden/report/full-4k." + file
                        + ": if the change is meant, copy it over the golden one and review the diff");
            }
        }
    }

    @Test
    void ipcRowsOfBothModesAreEntriesOfTheirOwn() throws Exception {
        Path result = Files.copy(golden("ipc-cpus.json"), dir.resolve("ipc-cpus.json"));
        Report.of(result).write();
        Map<String, JsonNode> action = benchmarkAction(dir.resolve(CiFiles.BENCHMARK_ACTION));
        assertEquals(bencher(dir.resolve(CiFiles.BENCHER)).keySet(), action.keySet());
        // Three channels, two placements: three ratios per placement (two over SHM_SPIN, one over SHM_FUTEX), per mode.
        assertEquals(2 * 2 * 3, action.size(), action.keySet().toString());
        List<IpcLatencies.Latency> l = IpcLatencies.latencies(JmhResults.read(result));
        IpcLatencies.Latency spin = find(l, Channel.SHM_SPIN, Cpus.SAME);
        IpcLatencies.Latency socket = find(l, Channel.UNIX_SOCKET, Cpus.SAME);
        assertEquals(socket.p50() / spin.p50(),
                action.get("SharedMemoryPingPong:sample SHM_SPIN / UNIX_SOCKET payload=8 cpus=SAME").get("value")
                        .asDouble());
        assertEquals(socket.averageMean() / spin.averageMean(),
                action.get("SharedMemoryPingPong:avgt SHM_SPIN / UNIX_SOCKET payload=8 cpus=SAME").get("value")
                        .asDouble());
        assertNotEquals(socket.p50() / spin.p50(), socket.averageMean() / spin.averageMean(),
                "the two modes measure different things, which is why each has its own name");
        assertFalse(action.values().stream().anyMatch(b -> b.has("range")), "IPC rows have no interval to give");
    }

    @Test
    void aGroupKeepsItsNameWhenItsDecisivePairChanges() {
        // In the first run mappedBuffer is the faster mapped API, in the second memorySegment.
        List<CiFiles.Entry> first = entries(90, 100);
        List<CiFiles.Entry> second = entries(100, 90);
        assertEquals(first.stream().map(CiFiles.Entry::name).toList(), second.stream().map(CiFiles.Entry::name).toList());
        assertEquals(List.of("RandomRead:avgt blockSize=8 cache=WARM folios=LARGE fileSize=67108864",
                "RandomRead:avgt blockSize=8 cache=WARM folios=LARGE fileSize=67108864 threads=2"),
                first.stream().map(CiFiles.Entry::name).toList());
        assertTrue(first.getFirst().note().startsWith("mappedBuffer / fileChannel"), first.getFirst().note());
        assertTrue(second.getFirst().note().startsWith("memorySegment / fileChannel"), second.getFirst().note());
    }

    @Test
    void everyPartOfAGroupIsInItsName() {
        Group clock = new Group(Question.RANDOM_READ_LATENCY, 8, CacheState.COLD, null, "4294967296", 0, 0,
                Variant.PLAIN);
        Group counted = new Group(Question.RANDOM_READ_LATENCY, 8, CacheState.COLD, null, "4294967296", 128, 8192,
                Variant.PLAIN);
        Group device = new Group(Question.RANDOM_READ_LATENCY, 8, CacheState.COLD, null, "4294967296", 128, 128,
                Variant.PLAIN);
        assertEquals("RandomRead-latency:avgt blockSize=8 cache=COLD fileSize=4294967296", CiFiles.name(clock));
        assertEquals("RandomRead-latency:ss blockSize=8 cache=COLD fileSize=4294967296 ops=128 readAroundKiB=8192",
                CiFiles.name(counted), "a single-shot row of 128 reads is another series than a clock-timed one");
        assertNotEquals(CiFiles.name(counted), CiFiles.name(device), "and a read-around of 128 KiB another again");
    }

    /** One plain and one 2-thread group of random 8 B WARM reads, with the two mapped APIs at the times given. */
    private static List<CiFiles.Entry> entries(double mappedBuffer, double memorySegment) {
        Random rnd = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (int threads : List.of(1, 2)) {
            Map<String, Double> times = new LinkedHashMap<>();
            times.put("mappedBuffer", mappedBuffer);
            times.put("memorySegment", memorySegment);
            times.put("fileChannel", 1000.0);
            times.put("randomAccessFile", 1100.0);
            times.forEach((method, nanos) -> rows.add(Synthetic.row(Question.RANDOM_READ, method, 8, "WARM", Map.of(),
                    threads, Synthetic.forks(rnd, nanos, 3, 3, 0.01, 0.01))));
        }
        List<Measured> measured = Measured.of(rows);
        return CiFiles.entries(Verdict.compare(measured), List.of());
    }

    private static IpcLatencies.Latency find(List<IpcLatencies.Latency> l, Channel channel, Cpus cpus) {
        return l.stream().filter(x -> x.channel() == channel && x.cpus() == cpus).findFirst().orElseThrow();
    }

    /**
     * The BMF file's benchmarks, each its one measure's metric, after checking the schema: an object
     * of objects of objects, each metric a number {@code value} and optionally the numbers
     * {@code lower_value} and {@code upper_value}; names up to 1024 characters, measure slugs up to 64.
     */
    static Map<String, JsonNode> bencher(Path file) throws Exception {
        JsonNode root = JSON.readTree(file.toFile());
        assertTrue(root.isObject(), file + ": BMF is a JSON object");
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> benchmark = it.next();
            String name = benchmark.getKey();
            assertTrue(!name.isBlank() && name.length() <= 1024, "a benchmark name of 1 to 1024 characters: " + name);
            assertTrue(benchmark.getValue().isObject(), name + ": a benchmark is an object of measures");
            assertEquals(List.of(CiFiles.MEASURE), names(benchmark.getValue()), name);
            assertTrue(CiFiles.MEASURE.matches("[a-z0-9-]{1,64}"), "a measure slug of up to 64 characters");
            JsonNode metric = benchmark.getValue().get(CiFiles.MEASURE);
            assertTrue(metric.isObject() && metric.path("value").isNumber(), name + ": a metric has a number value");
            assertTrue(Set.of("value", "lower_value", "upper_value").containsAll(names(metric)), name + ": " + metric);
            assertEquals(metric.has("lower_value"), metric.has("upper_value"), name + ": both bounds or neither");
            if (metric.has("lower_value")) {
                assertTrue(metric.get("lower_value").isNumber() && metric.get("upper_value").isNumber(), name);
                assertTrue(metric.get("lower_value").asDouble() <= metric.get("value").asDouble()
                        && metric.get("value").asDouble() <= metric.get("upper_value").asDouble(), name + ": " + metric);
            }
            out.put(name, metric);
        }
        return out;
    }

    /**
     * The github-action-benchmark file's entries by name, after checking its schema: an array of
     * objects with a string {@code name} and {@code unit} and a number {@code value}, and optionally
     * the strings {@code range} and {@code extra}; every name once.
     */
    static Map<String, JsonNode> benchmarkAction(Path file) throws Exception {
        JsonNode root = JSON.readTree(file.toFile());
        assertTrue(root.isArray(), file + ": customBiggerIsBetter takes a JSON array");
        Map<String, JsonNode> out = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (JsonNode bench : root) {
            assertTrue(bench.isObject(), "an entry is an object: " + bench);
            assertTrue(Set.of("name", "unit", "value", "range", "extra").containsAll(names(bench)), bench.toString());
            assertTrue(bench.path("name").isTextual() && !bench.get("name").asText().isBlank(), bench.toString());
            assertTrue(bench.path("unit").isTextual() && bench.path("value").isNumber(), bench.toString());
            assertTrue(!bench.has("range") || bench.get("range").isTextual(), bench.toString());
            assertTrue(!bench.has("extra") || bench.get("extra").isTextual(), bench.toString());
            assertTrue(names.add(bench.get("name").asText()), "named twice: " + bench.get("name"));
            out.put(bench.get("name").asText(), bench);
        }
        return out;
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
