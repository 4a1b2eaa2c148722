package mmapbench.file;

import mmapbench.fixture.JvmOptions;
import mmapbench.fixture.MemoryCgroup;
import mmapbench.fixture.MemoryLimit;
import mmapbench.profile.CgroupCounters;
import mmapbench.profile.IoProfiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A mapped read of a 32 MiB file under {@code memoryLimit=25%} (8 MiB of it, plus the headroom)
 * really faults and evicts every iteration, as on a file larger than memory, and leaves nothing in
 * the cgroup tree.
 */
class LargerThanMemoryTest {

    static final long FILE_SIZE = 32L << 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aMappedReadOfAFileOverTheLimitFaultsAndEvicts() throws Exception {
        String why = MemoryCgroup.refusal();
        assumeTrue(why == null, why);
        RunResult r = new Runner(new OptionsBuilder()
                .include("\\.RandomReadBenchmark\\.memorySegment$")
                .param("fileSize", String.valueOf(FILE_SIZE))
                .param("blockSize", "4096")
                .param("cache", "COLD")
                .param("access", "INDEPENDENT")
                .param("memoryLimit", "25%")
                .param(mmapbench.param.Parameter.OPS.name, "256")
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(2)
                .measurementTime(TimeValue.milliseconds(300))
                .jvmArgsAppend(JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS, "-Dmmapbench.dataDir=" + dir)
                .shouldFailOnError(true)
                .addProfiler(IoProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .build()).runSingle();
        Map<String, Result> ev = r.getSecondaryResults();
        double limitMiB = MemoryLimit.parse("25%").limitBytes(FILE_SIZE) / 1048576.0;
        System.out.printf("32 MiB file at 25%%: %.0f ns/op (a single shot of 256), %.3f major faults/op, cgroup cache %.1f MiB (limit %.0f),"
                        + " %.3f evictions/op, %.3f refaults/op%n", r.getPrimaryResult().getScore() / 256,
                ev.get(IoProfiler.MAJOR).getScore(), ev.get(CgroupCounters.CACHE).getScore(), limitMiB,
                ev.get(CgroupCounters.EVICTIONS).getScore(), ev.get(CgroupCounters.REFAULTS).getScore());
        // Every iteration, not just on average: the least of them faulted and evicted.
        assertTrue(ev.get(IoProfiler.MAJOR).getStatistics().getMin() > 0, "an iteration without a major fault");
        assertTrue(ev.get(CgroupCounters.EVICTIONS).getStatistics().getMin() > 0, "an iteration that evicted nothing");
        assertEquals(2, ev.get(IoProfiler.MAJOR).getStatistics().getN(), "iterations");
        assertTrue(ev.get(CgroupCounters.REFAULTS).getScore() > 0, "no evicted page was read back");
        assertTrue(ev.get(CgroupCounters.CACHE).getScore() < limitMiB, "the cgroup held more cache than its limit");
        assertEquals(0, leftovers(), "a cgroup of ours was left behind");
    }

    /** Our children in the process's memory cgroup. */
    static long leftovers() throws Exception {
        Path home = Path.of("/sys/fs/cgroup/memory").resolve(Files.readAllLines(Path.of("/proc/self/cgroup")).stream()
                .filter(l -> l.split(":", 3)[1].contains("memory")).findFirst().orElseThrow().split(":", 3)[2]
                .substring(1));
        try (Stream<Path> s = Files.list(home)) {
            return s.filter(p -> p.getFileName().toString().startsWith(MemoryCgroup.PREFIX)).count();
        }
    }
}
