package mmapbench.ipc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ping-pong benchmark runs through JMH's Runner for every channel and placement, with percentiles in sample mode. */
class PingPongJmhSmokeTest {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyChannelAndPlacementRunsInAForkedJvm() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("\\.SharedMemoryPingPongBenchmark\\.")
                .param("payload", "8")
                .mode(Mode.SampleTime)
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build()).run();
        assertEquals(Channel.values().length * Cpus.values().length, results.size());
        for (RunResult r : results) {
            var stats = r.getPrimaryResult().getStatistics();
            // How many is a speed question for the benchmark, not for a test: only that they happened.
            assertTrue(stats.getN() > 0, r.getParams().getParam("channel") + ", cpus=" + r.getParams().getParam("cpus") + " made no round trip");
            assertTrue(stats.getPercentile(50) > 0);
        }
        assertEquals(List.of(), ShmLeftovers.ours());
    }
}
