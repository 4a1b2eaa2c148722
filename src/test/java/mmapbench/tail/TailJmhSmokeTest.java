package mmapbench.tail;

import mmapbench.fixture.JvmOptions;
import mmapbench.param.Parameter;
import mmapbench.profile.IoProfiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The write and short-lived tail classes, every method in both of their cache states, run through
 * JMH's own Runner in a forked JVM on an 8 MiB file, with the {@link IoProfiler} the launcher
 * adds, and each row publishes its fork's percentiles of single operations: one time per write,
 * one per read of an open. And the users' patterns for the average rows do not pick them.
 */
class TailJmhSmokeTest {

    private static final int OPS = 64;
    private static final int READS = 4;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theWriteAndShortLivedTailsPublishEachForksPercentiles() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("^mmapbench\\.tail\\.(WriteTailBenchmark|OpenReadCloseTailBenchmark)\\.")
                .param(Parameter.FILE_SIZE.name, String.valueOf(8L << 20))
                .param(Parameter.BLOCK_SIZE.name, "4096")
                .param(Parameter.OPS.name, String.valueOf(OPS))
                .param(Parameter.READS.name, String.valueOf(READS))
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .jvmArgsAppend(JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS, "-Dmmapbench.dataDir=" + dir)
                .shouldFailOnError(true)
                .addProfiler(IoProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .build()).run();
        // Two classes of five APIs and the control, WARM and COLD each.
        assertEquals(2 * 6 * 2, results.size());
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark() + " " + r.getParams().getParam(Parameter.CACHE.name);
            Map<String, Result> m = r.getSecondaryResults();
            boolean writes = name.contains(WriteTailBenchmark.class.getSimpleName());
            assertEquals(writes ? OPS : OPS * READS, m.get(TailProfiler.SAMPLES).getScore(), 0.0,
                    name + ": one time a " + (writes ? "write" : "read"));
            double below = 0;
            for (TailProfiler.Percentile p : TailProfiler.PERCENTILES) {
                double v = m.get(p.label()).getScore();
                assertTrue(v > 0 && v >= below, name + " " + p.label() + " " + v + " after " + below);
                below = v;
            }
            assertTrue(m.get(TailProfiler.MAX).getScore() >= below, name + " ·max");
            assertTrue(m.get(TailProfiler.TIMER).getScore() > 0, name + " ·timer");
            assertTrue(m.containsKey(IoProfiler.MINOR), name + ": the evidence is there too");
        }
    }

    /**
     * {@code -- RandomWrite} or {@code -- ShortLived} picks the average rows and no tail row (the
     * launcher's legs would otherwise run a tail class under an average leg's parameters), as
     * {@code -- RandomRead} picks no {@link ReadTailBenchmark} row.
     */
    @ParameterizedTest
    @ValueSource(strings = {"RandomWrite", "ShortLived", "RandomRead"})
    void theAverageRowsPatternsPickNoTailBenchmark(String pattern) {
        var silent = OutputFormatFactory.createFormatInstance(new PrintStream(OutputStream.nullOutputStream()),
                VerboseMode.SILENT);
        List<String> picked = BenchmarkList.defaultList().find(silent, List.of(pattern), List.of()).stream()
                .map(BenchmarkListEntry::getUsername).toList();
        assertFalse(picked.isEmpty(), pattern + " picks nothing: is it still an average class's name?");
        assertEquals(List.of(), picked.stream().filter(b -> b.startsWith(TailRow.PACKAGE)).toList(), pattern);
    }
}
