package mmapbench.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import mmapbench.fixture.JvmOptions;
import mmapbench.profile.IoProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every benchmark method of the four file classes, in every cache state, runs for 100 ms in a
 * forked JVM through JMH's own Runner, on a small file, and fails the test if it throws.
 */
class JmhSmokeTest {

    @TempDir
    Path dir;

    /** Every cache state unless {@code more} names others; {@code more} is name, comma-separated values, ... */
    private OptionsBuilder options(String classes, String blockSize, String... more) {
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("cache", "HOT,WARM,COLD");
        for (int i = 0; i + 1 < more.length; i += 2) {
            params.put(more[i], more[i + 1]);
        }
        OptionsBuilder b = new OptionsBuilder();
        b.include("\\.(" + classes + ")\\.")
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

    private Collection<RunResult> run(String classes, String blockSize, String... more) throws Exception {
        return new Runner(options(classes, blockSize, more).build()).run();
    }

    private static void assertMeasured(Collection<RunResult> results, int expected) {
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
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyRandomBenchmarkRuns() throws Exception {
        // Reads run both access patterns, writes have none: (2 + 1) x (5 APIs + the control) x 3 cache states.
        assertMeasured(run("RandomReadBenchmark|RandomWriteBenchmark", "4096"), (2 + 1) * (5 + 1) * 3);
    }

    /** Each thread its own handles and offsets, the cache state established once for both. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyRandomBenchmarkRunsOnTwoThreads() throws Exception {
        OptionsBuilder b = options("RandomReadBenchmark|RandomWriteBenchmark", "4096", "access", "INDEPENDENT", "cache",
                "WARM,COLD");
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
        assertMeasured(run("SequentialReadBenchmark|SequentialWriteBenchmark", "65536", "forceEvery", "2097152"),
                2 * (5 + 1) * 3);
    }
}
