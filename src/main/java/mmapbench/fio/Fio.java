package mmapbench.fio;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import mmapbench.file.Api;
import mmapbench.file.Question;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Folios;
import mmapbench.fixture.PageCache;
import mmapbench.fixture.DataFile;
import mmapbench.fixture.WholeFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Measurement;

/**
 * The native cross-check: fio on the same data file, with the same block sizes, access patterns,
 * cache states and folios (reached the same way, by this suite's {@link CacheState#establish},
 * before each job, and checked and recorded just before fio starts: fio's own {@code invalidate}
 * is off), through the engine each Java API stands on: {@code psync}
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
    private static final long TIMEOUT_SECONDS = 60;

    /** The fio engines the Java APIs stand on, as fio's {@code --ioengine} and {@value #FILE} spell them. */
    public enum Engine {
        /** pread/pwrite, as FileChannel and RandomAccessFile. */
        PSYNC("psync"),
        /** memcpy from a mapping, as the mapped APIs. */
        MMAP("mmap");

        private final String fioName;

        Engine(String fioName) {
            this.fioName = fioName;
        }

        /** The engine {@code api} stands on. */
        public static Engine of(Api api) {
            return api.mapped ? MMAP : PSYNC;
        }

        @JsonValue
        @Override
        public String toString() {
            return fioName;
        }
    }

    /**
     * One fio job: a question of this suite, its block size, cache state and folios, an engine.
     * fio maps the file afresh for every job and has no mapping to pre-fault, so a job is never
     * HOT: WARM stands in for it where the state is the same (see {@code FioSection}).
     *
     * @param folios how the resident file sits in the page cache; null for COLD, which has none. A
     *               job of a {@value #FILE} written before folios were a state ran in LARGE ones,
     *               the only way the fixture loaded a file then: it reads back as LARGE.
     */
    public record Job(Question question, int blockSize, CacheState cache, Folios folios, Engine engine) {
        public Job {
            folios = cache == CacheState.COLD ? null : folios == null ? Folios.LARGE : folios;
        }

        String rw() {
            return question.writes ? (question.random ? "randwrite" : "write") : (question.random ? "randread" : "read");
        }

        /** As long as one JMH measurement iteration of the question's benchmark class: see the class Javadoc. */
        public long runtimeMillis() {
            Measurement m = question.benchmark.getAnnotation(Measurement.class);
            return m.timeUnit().toMillis(m.time());
        }
    }

    /**
     * What fio measured: mean time per I/O in nanoseconds, or why there is no figure; and the state
     * the file was in when fio started, as checked then.
     *
     * @param state null for a {@value #FILE} written before the state was recorded, or a job that
     *              did not get that far
     */
    public record Result(Job job, double nsPerOp, long ios, String error, CheckedState state) {
        Result withState(CheckedState checked) {
            return new Result(job, nsPerOp, ios, error, checked);
        }
    }

    /**
     * The file's state just before a job, as the fixture checks it: the share of its pages in the
     * page cache, and of a fresh mapping's sample the kernel maps with 2 MiB pages (NaN for COLD,
     * where a mapping would fault pages in).
     */
    public record CheckedState(double resident, double largeFolioShare) {

        static CheckedState of(Path file, CacheState cache) throws IOException {
            return new CheckedState(PageCache.residentFraction(file),
                    cache == CacheState.COLD ? Double.NaN : PageCache.largeFolioShare(file));
        }

        /**
         * Why this is not {@code job}'s state, or null when it is: residency as
         * {@link CacheState#reached} has it, and SMALL folios mapped with no 2 MiB page. LARGE asks
         * only for what readahead gives, which on a kernel without large folios is none, for the
         * Java rows as for fio.
         */
        public String problem(Job job) {
            if (!job.cache().reached(resident)) {
                return String.format(Locale.ROOT, "%.0f%% resident, not %s", 100 * resident, job.cache());
            }
            if (job.folios() == Folios.SMALL && largeFolioShare > 0) {
                return String.format(Locale.ROOT, "%.0f%% mapped with 2 MiB pages, not in 4 KiB folios",
                        100 * largeFolioShare);
            }
            return null;
        }
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

    static List<String> command(String fio, Path file, long fileSize, Job job) {
        return List.of(fio, "--name=mmapbench", "--filename=" + file, "--size=" + fileSize, "--rw=" + job.rw(),
                "--bs=" + job.blockSize(), "--ioengine=" + job.engine(), "--time_based",
                "--runtime=" + job.runtimeMillis() + "ms", "--invalidate=0", "--fadvise_hint=0", "--norandommap",
                "--randrepeat=1", "--allow_file_create=0", "--output-format=json");
    }

    /**
     * Runs every job on the data files of {@code dataDir}; a job that fails, hangs past
     * {@value #TIMEOUT_SECONDS} s or cannot start gives a result with its error, in one line.
     */
    public static List<Result> run(String fio, Path dataDir, long fileSize, List<Job> jobs, PrintStream log) {
        List<Result> out = new ArrayList<>();
        for (Job job : jobs) {
            Path file = DataFile.path(dataDir, job.question().dataFile(), fileSize);
            log.printf(Locale.ROOT, "mmap-bench: fio %s %d B %s%s %s%n", job.rw(), job.blockSize(), job.cache(),
                    job.folios() == null ? "" : " " + job.folios(), job.engine());
            try {
                job.cache().establish(file, job.folios());
                if (job.question().writes) {
                    // As the Java fixture does before every iteration: no earlier writes are written back during this job.
                    PageCache.writeBack(file);
                }
                CheckedState state = CheckedState.of(file, job.cache());
                String problem = state.problem(job);
                out.add(problem != null
                        ? new Result(job, Double.NaN, 0, "the file was not in the job's state: " + problem, state)
                        : runOne(command(fio, file, fileSize, job), job, TIMEOUT_SECONDS).withState(state));
            } catch (IOException | RuntimeException e) {
                out.add(new Result(job, Double.NaN, 0, "fio could not run: " + e.getMessage(), null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.add(new Result(job, Double.NaN, 0, "interrupted", null));
                break;
            }
        }
        return out;
    }

    /**
     * One fio process. Its output and error streams go to files, not pipes, so that neither can
     * fill up and stall it while we wait, and the deadline is the wait itself.
     */
    static Result runOne(List<String> command, Job job, long timeoutSeconds) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("mmapbench-fio", ".json");
        Path stderr = Files.createTempFile("mmapbench-fio", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new Result(job, Double.NaN, 0, "fio did not finish within " + timeoutSeconds + " s; it was stopped",
                        null);
            }
            String json = Files.readString(stdout, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                String err = Files.readString(stderr, StandardCharsets.UTF_8).trim();
                return new Result(job, Double.NaN, 0, "fio exited with " + p.exitValue() + ": "
                        + (err.isEmpty() ? json.trim() : err).lines().findFirst().orElse(""), null);
            }
            return parse(job, json);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** fio's JSON output for one job: the mean latency of its reads or writes. */
    static Result parse(Job job, String json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json.substring(Math.max(0, json.indexOf('{'))));
            String direction = job.question().writes ? "write" : "read";
            JsonNode dir = root.path("jobs").path(0).path(direction);
            long ios = dir.path("total_ios").asLong();
            // The time the job ran for its I/Os, over their count: fio's per-I/O latency figures
            // include two clock reads per I/O, which at 8 B would be a large share of the figure.
            double runtimeNs = dir.path("runtime").asDouble() * 1e6;
            if (dir.isMissingNode() || ios <= 0 || runtimeNs <= 0) {
                return new Result(job, Double.NaN, 0, "fio's JSON has no " + direction + " I/Os and runtime", null);
            }
            return new Result(job, runtimeNs / ios, ios, null, null);
        } catch (IOException e) {
            return new Result(job, Double.NaN, 0, "fio's output is not JSON: " + e.getMessage(), null);
        }
    }

    public static void write(String version, List<Result> results, Path file) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("fio", version);
        doc.put("results", results);
        WholeFile.write(file, out -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, doc));
    }

    /** The results in a {@value #FILE}, or an empty list. */
    public static List<Result> read(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JsonNode root = mapper.readTree(file.toFile());
        List<Result> out = new ArrayList<>();
        for (JsonNode r : root.path("results")) {
            // The job as write() wrote it (its engine by fio's name); fio's figure may be NaN, which JSON lacks.
            JsonNode state = r.path("state");
            out.add(new Result(mapper.treeToValue(r.path("job"), Job.class), r.path("nsPerOp").asDouble(Double.NaN),
                    r.path("ios").asLong(), r.path("error").isNull() ? null : r.path("error").asText(null),
                    state.isObject() ? new CheckedState(state.path("resident").asDouble(Double.NaN),
                            state.path("largeFolioShare").asDouble(Double.NaN)) : null));
        }
        return out;
    }
}
