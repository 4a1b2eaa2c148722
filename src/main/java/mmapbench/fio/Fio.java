package mmapbench.fio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.DataFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The native cross-check: fio on the same data file, with the same block sizes, access patterns
 * and cache states (reached the same way, by this suite, before each job: fio's own
 * {@code invalidate} is off), through the engine each Java API stands on: {@code psync}
 * (pread/pwrite, as FileChannel and RandomAccessFile) and {@code mmap} (memcpy from a mapping, as
 * the mapped APIs). {@code fadvise_hint=0}, because fio otherwise madvises its mapping RANDOM or
 * SEQUENTIAL, which the Java APIs do not (see the {@code advice} parameter for that).
 *
 * <p>Each job runs as long as one JMH measurement iteration, after the same cache state is set:
 * a longer job would drift from COLD to resident (fio's first few hundred mapped faults read the
 * whole file around them) and from clean to throttled by dirty pages, and compare other states.
 */
public final class Fio {

    public static final String FILE = "fio.json";
    public static final List<String> ENGINES = List.of("psync", "mmap");
    private static final long TIMEOUT_SECONDS = 60;

    /** One fio job: a question of this suite (RandomRead ...), its block size and cache state, an engine. */
    public record Job(String question, int blockSize, String cache, String engine) {
        boolean reads() {
            return question.endsWith("Read");
        }

        String rw() {
            boolean random = question.startsWith("Random");
            return reads() ? (random ? "randread" : "read") : (random ? "randwrite" : "write");
        }
    }

    /** What fio measured: mean time per I/O in nanoseconds, or why there is no figure. */
    public record Result(Job job, double nsPerOp, long ios, String error) {
    }

    private Fio() {
    }

    /** fio's version, or null when {@code fio} cannot be run. */
    public static String version(String fio) {
        try {
            Process p = new ProcessBuilder(fio, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static List<String> command(String fio, Path file, long fileSize, Job job, long runtimeMillis) {
        return List.of(fio, "--name=mmapbench", "--filename=" + file, "--size=" + fileSize, "--rw=" + job.rw(),
                "--bs=" + job.blockSize(), "--ioengine=" + job.engine(), "--time_based",
                "--runtime=" + runtimeMillis + "ms", "--invalidate=0", "--fadvise_hint=0", "--norandommap",
                "--randrepeat=1", "--allow_file_create=0", "--output-format=json");
    }

    /** Runs every job on the data files of {@code dataDir}; a job that fails gives a result with its error. */
    public static List<Result> run(String fio, Path dataDir, long fileSize, List<Job> jobs, long runtimeMillis,
                                   PrintStream log) {
        List<Result> out = new ArrayList<>();
        for (Job job : jobs) {
            Path file = DataFile.path(dataDir, job.reads() ? DataFile.Kind.READ : DataFile.Kind.WRITE, fileSize);
            log.printf(Locale.ROOT, "mmap-bench: fio %s %d B %s %s%n", job.rw(), job.blockSize(), job.cache(), job.engine());
            try {
                CacheState.valueOf(job.cache()).establish(file);
                Process p = new ProcessBuilder(command(fio, file, fileSize, job, runtimeMillis)).redirectErrorStream(false).start();
                String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    out.add(new Result(job, Double.NaN, 0, "fio did not finish within " + TIMEOUT_SECONDS + " s"));
                } else if (p.exitValue() != 0) {
                    out.add(new Result(job, Double.NaN, 0, "fio exited with " + p.exitValue() + ": "
                            + (err.isEmpty() ? json.trim() : err).lines().findFirst().orElse("")));
                } else {
                    out.add(parse(job, json));
                }
            } catch (IOException | RuntimeException e) {
                out.add(new Result(job, Double.NaN, 0, "fio could not run: " + e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.add(new Result(job, Double.NaN, 0, "interrupted"));
                break;
            }
        }
        return out;
    }

    /** fio's JSON output for one job: the mean latency of its reads or writes. */
    static Result parse(Job job, String json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json.substring(Math.max(0, json.indexOf('{'))));
            JsonNode dir = root.path("jobs").path(0).path(job.reads() ? "read" : "write");
            if (dir.isMissingNode() || !dir.path("lat_ns").has("mean")) {
                return new Result(job, Double.NaN, 0, "fio's JSON has no " + (job.reads() ? "read" : "write")
                        + " latency");
            }
            return new Result(job, dir.path("lat_ns").path("mean").asDouble(), dir.path("total_ios").asLong(), null);
        } catch (IOException e) {
            return new Result(job, Double.NaN, 0, "fio's output is not JSON: " + e.getMessage());
        }
    }

    public static void write(String version, long runtimeMillis, List<Result> results, Path file) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("fio", version);
        doc.put("runtimeMillis", runtimeMillis);
        doc.put("results", results);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }

    /** The results in a {@value #FILE}, or an empty list. */
    public static List<Result> read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Result> out = new ArrayList<>();
        for (JsonNode r : root.path("results")) {
            JsonNode j = r.path("job");
            out.add(new Result(new Job(j.path("question").asText(), j.path("blockSize").asInt(), j.path("cache").asText(),
                    j.path("engine").asText()), r.path("nsPerOp").asDouble(Double.NaN), r.path("ios").asLong(),
                    r.path("error").isNull() ? null : r.path("error").asText(null)));
        }
        return out;
    }
}
