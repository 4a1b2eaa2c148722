package mmapbench.stall;

import mmapbench.fixture.JvmOptions;
import mmapbench.fixture.MemoryCgroup;
import mmapbench.profile.IoProfiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stall benchmark through JMH's own Runner, briefly, on a small file: both methods, with and
 * without MADV_RANDOM (and larger than memory where a cgroup can be made), and every row carries
 * the bystander's and the safepoints' figures beside IoProfiler's evidence.
 */
class JvmStallJmhSmokeTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyRowRunsAndCarriesItsStallFigures() throws Exception {
        boolean limited = MemoryCgroup.refusal() == null;
        OptionsBuilder b = new OptionsBuilder();
        b.include("\\.JvmStallBenchmark\\.")
                .param("fileSize", String.valueOf(8L << 20))
                .param("ops", "64")
                .param("advice", "NORMAL", "RANDOM")
                .param("memoryLimit", limited ? new String[]{"none", "25%"} : new String[]{"none"})
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .jvmArgsAppend(JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS, "-Dmmapbench.dataDir=" + dir)
                .shouldFailOnError(true)
                .addProfiler(IoProfiler.class)
                .verbosity(VerboseMode.SILENT);
        Collection<RunResult> results = new Runner(b.build()).run();
        assertEquals(2 * 2 * (limited ? 2 : 1), results.size());
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark() + " " + r.getParams().getParam("advice") + " "
                    + r.getParams().getParam("memoryLimit");
            var secondary = r.getSecondaryResults();
            assertTrue(r.getPrimaryResult().getScore() > 0, name);
            for (String metric : new String[]{Stall.HICCUPS, Stall.HICCUP_P99, Stall.HICCUP_MAX, Stall.SAFEPOINTS,
                    Stall.TTSP_MAX, IoProfiler.READ}) {
                assertTrue(secondary.containsKey(metric), name + " lacks " + metric + ": " + secondary.keySet());
            }
            assertTrue(secondary.get(Stall.HICCUPS).getScore() > 0, name + ": the bystander recorded nothing");
            assertTrue(secondary.get(IoProfiler.READ).getScore() > 0, name + ": a COLD read read nothing from the device");
        }
    }
}
