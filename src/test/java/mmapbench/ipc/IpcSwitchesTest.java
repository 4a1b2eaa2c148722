package mmapbench.ipc;

import mmapbench.profile.IoProfiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IoProfiler's {@code ·switches} fires for the IPC rows: with both processes on one CPU a
 * blocking round trip cannot finish without this JVM's thread giving the CPU to the peer.
 */
class IpcSwitchesTest {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aBlockingRoundTripOnOneCpuSwitchesAtLeastOnce() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("\\.SharedMemoryPingPongBenchmark\\.")
                .param("channel", "PIPE")
                .param("payload", "8")
                .param("cpus", "SAME")
                .mode(Mode.AverageTime)
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .addProfiler(IoProfiler.class)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build()).run();
        assertEquals(1, results.size());
        var switches = results.iterator().next().getSecondaryResults().get(IoProfiler.SWITCHES);
        System.out.println("PIPE, 8 B, SAME: " + switches.getScore() + " context switches of the benchmark JVM per round trip");
        assertTrue(switches.getScore() >= 0.9, "switches per round trip: " + switches.getScore());
    }
}
