package mmapbench.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import mmapbench.fixture.JvmOptions;
import mmapbench.param.Parameter;
import mmapbench.profile.IoProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every benchmark method of the file classes, in every cache state, runs for 100 ms in a forked
 * JVM through JMH's own Runner, on a small file, and fails the test if it throws. A file class
 * that no run includes fails {@link #everyFileBenchmarkHasASmokeRun}.
 */
class JmhSmokeTest {

    // The classes of each smoke run, as JMH's include pattern matches them.
    private static final String RANDOM = "RandomReadBenchmark|RandomWriteBenchmark";
    private static final String SEQUENTIAL = "SequentialReadBenchmark|SequentialWriteBenchmark";
    private static final String SHORT_LIVED = "ShortLivedReadBenchmark";
    /** Every run's classes: what {@link #everyFileBenchmarkHasASmokeRun} holds JMH's list against. */
    private static final List<String> RUNS = List.of(RANDOM, SEQUENTIAL, SHORT_LIVED);

    @TempDir
    Path dir;

    /**
     * Every cache state a class has (its own {@code @Param cache}) unless {@code more} names others;
     * {@code more} is name, comma-separated values, ... A class that counts its operations runs few.
     */
    private OptionsBuilder options(String classes, String blockSize, String... more) {
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put(Parameter.OPS.name, "64");
        params.put(Parameter.BYTES.name, String.valueOf(4 << 20));
        for (int i = 0; i + 1 < more.length; i += 2) {
            params.put(more[i], more[i + 1]);
        }
        OptionsBuilder b = new OptionsBuilder();
        b.include(include(classes))
                .param("fileSize", String.valueOf(8L << 20))
                .param("blockSize", blockSize)
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .jvmArgsAppend(JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS, "-Dmmapbench.dataDir=" + dir)
                .shouldFailOnError(true)
                .addProfiler(IoProfiler.class)
                .verbosity(VerboseMode.SILENT);
        params.forEach((name, values) -> b.param(name, values.split(",")));
        return b;
    }

    /** JMH's include pattern for {@code classes}, alternatives of simple class names. */
    private static String include(String classes) {
        return "\\.(" + classes + ")\\.";
    }

    private Collection<RunResult> run(String classes, String blockSize, String... more) throws Exception {
        return new Runner(options(classes, blockSize, more).build()).run();
    }

    private void assertMeasured(Collection<RunResult> results, int expected) {
        long readAround = mmapbench.fixture.ReadAround.current(dir);
        assertEquals(expected, results.size());
        for (RunResult r : results) {
            double score = r.getPrimaryResult().getScore();
            String name = r.getParams().getBenchmark() + " " + r.getParams().getParam("cache");
            assertTrue(score > 0 && Double.isFinite(score), name + " scored " + score);
            // The evidence is there, and a COLD read reached the device.
            var secondary = r.getSecondaryResults();
            assertTrue(secondary.containsKey(IoProfiler.READ) && secondary.containsKey(IoProfiler.MINOR), name);
            if (name.contains("Read") && name.endsWith("COLD")) {
                assertTrue(secondary.get(IoProfiler.READ).getScore() > 0, name + " read nothing from the device");
            }
            // The read-around each row records is the one the data folder's device has.
            if (readAround >= 0) {
                assertEquals(readAround, secondary.get(IoProfiler.READ_AROUND).getScore(), 0.0, name + " ·readAround");
            }
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyRandomBenchmarkRuns() throws Exception {
        // Reads run both access patterns in 3 cache states, writes have one pattern and no HOT.
        assertMeasured(run(RANDOM, "4096"), (2 * 3 + 2) * (5 + 1));
    }

    /** Each thread its own handles and offsets, the cache state established once for both. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyRandomBenchmarkRunsOnTwoThreads() throws Exception {
        OptionsBuilder b = options(RANDOM, "4096", "access", "INDEPENDENT", "cache", "WARM,COLD");
        b.threads(2);
        Collection<RunResult> results = new Runner(b.build()).run();
        for (RunResult r : results) {
            assertEquals(2, r.getParams().getThreads(), r.getParams().getBenchmark());
        }
        assertMeasured(results, 2 * (5 + 1) * 2);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everySequentialBenchmarkRuns() throws Exception {
        // Reads in 3 cache states, writes in 2: no HOT for a write.
        assertMeasured(run(SEQUENTIAL, "65536", "forceEvery", "2097152"), (3 + 2) * (5 + 1));
    }

    /** Each operation maps (or opens) the file, reads 16 blocks and unmaps it: WARM and COLD, no HOT. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyShortLivedBenchmarkRuns() throws Exception {
        assertMeasured(run(SHORT_LIVED, "4096", "reads", "16"), (5 + 1) * 2);
    }

    /**
     * JMH's own list, as the annotation processor wrote it, against the runs above: a benchmark
     * class added to mmapbench.file without a smoke run fails here, by name, instead of first
     * failing in someone's hour-long full run.
     */
    @Test
    void everyFileBenchmarkHasASmokeRun() {
        var silent = OutputFormatFactory.createFormatInstance(new PrintStream(OutputStream.nullOutputStream()),
                VerboseMode.SILENT);
        BenchmarkList list = BenchmarkList.defaultList();
        Set<String> smoked = new TreeSet<>();
        for (String classes : RUNS) {
            list.find(silent, List.of(include(classes)), List.of()).forEach(e -> smoked.add(e.getUsername()));
        }
        Set<String> files = new TreeSet<>();
        Set<String> missing = new TreeSet<>();
        for (BenchmarkListEntry e : list.getAll(silent, List.of())) {
            if (e.getUserClassQName().startsWith("mmapbench.file.")) {
                files.add(e.getUserClassQName());
                if (!smoked.contains(e.getUsername())) {
                    missing.add(e.getUserClassQName());
                }
            }
        }
        assertFalse(files.isEmpty(), "JMH lists no benchmark of mmapbench.file: did the annotation processor run?");
        assertTrue(missing.isEmpty(), "no smoke run of JmhSmokeTest includes " + missing
                + ": add the class to a run, or a run of its own to RUNS");
    }
}
