package mmapbench.profile;

import mmapbench.fixture.JvmOptions;
import mmapbench.fixture.ProcFile;
import mmapbench.fixture.Shell;
import mmapbench.report.Evidence;
import mmapbench.report.JmhResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report's {@code ·throttled.time} and {@code ·sleeps} can fire: the same short run of 8 B
 * {@code pwrite}s into a resident file in large folios (every write to a clean folio dirties
 * 2 MiB), through JMH, IoProfiler, the result JSON and the report's {@link Evidence}, once with the
 * machine's own dirty limits and once with vm.dirty_bytes lowered to {@value #DIRTY_BYTES} B. The
 * second must show the throttle engaged and the writer sleeping; the first, whose dirty pages stay
 * far below the machine's limits, neither.
 */
class ThrottleIndicatorTest {

    static final long DIRTY_BYTES = 4L << 20;
    static final long BACKGROUND_BYTES = 2L << 20;
    /** Room for 32 large folios: the plain run cannot dirty more than this, far below a real threshold. */
    static final long FILE_SIZE = 64L << 20;
    /** Writes per iteration (the class's own {@code ops} is 16384). */
    static final int OPS = 256;
    private static final long PAGE = 4096;

    @TempDir
    Path dir;

    /** The report's evidence line of one JMH run of RandomWrite fileChannel, 8 B, WARM, large folios. */
    private Evidence.Line run(String name) throws Exception {
        Path json = dir.resolve(name + ".json");
        new Runner(new OptionsBuilder()
                .include("^mmapbench\\.file\\.RandomWriteBenchmark\\.fileChannel$")
                .param("blockSize", "8")
                .param("cache", "WARM")
                .param("folios", "LARGE")
                .param("fileSize", String.valueOf(FILE_SIZE))
                // A throttled write waits milliseconds: a few hundred keep the forced run to seconds.
                .param("ops", String.valueOf(OPS))
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(3)
                .jvmArgsAppend(JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS, "-Dmmapbench.dataDir=" + dir)
                .addProfiler(IoProfiler.class)
                .shouldFailOnError(true)
                .result(json.toString())
                .resultFormat(ResultFormatType.JSON)
                .verbosity(VerboseMode.SILENT)
                .build()).run();
        List<Evidence.Line> lines = Evidence.of(JmhResults.read(json));
        assertEquals(1, lines.size(), "one row");
        Evidence.Line e = lines.getFirst();
        System.out.printf(Locale.ROOT, "%s: throttled share %.2f, sleeps %.4f/op, dirty at the end %.1f MiB,"
                        + " dirtied %.0f B/op, %.0f ops per iteration%n", name, e.throttledShare(), e.sleeps(),
                e.dirtyMiB(), e.dirtiedBytes(), e.opsPerIteration());
        return e;
    }

    private static String thresholds() {
        String vmstat = ProcFile.read(Path.of("/proc/vmstat"));
        return String.format(Locale.ROOT, "nr_dirty_threshold %d MiB, nr_dirty_background_threshold %d MiB",
                ProcFile.field(vmstat, "nr_dirty_threshold ") * PAGE >> 20,
                ProcFile.field(vmstat, "nr_dirty_background_threshold ") * PAGE >> 20);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theThrottleIndicatorFiresWhenTheDirtyLimitIsReachedAndNotBefore() throws Exception {
        String reason = LoweredDirtyLimits.reason();
        if (reason != null) {
            System.out.println("ThrottleIndicatorTest skipped: " + reason);
        }
        assumeTrue(reason == null, reason);
        String vmstat = ProcFile.read(Path.of("/proc/vmstat"));
        long freerunBytes = (ProcFile.field(vmstat, "nr_dirty_threshold ")
                + ProcFile.field(vmstat, "nr_dirty_background_threshold ")) / 2 * PAGE;
        System.out.println("plain limits: " + thresholds());
        Evidence.Line plain = run("plain");

        Evidence.Line forced;
        List<String> before = List.of(Shell.output("cat", "/proc/sys/vm/dirty_ratio"),
                Shell.output("cat", "/proc/sys/vm/dirty_bytes"), Shell.output("cat", "/proc/sys/vm/dirty_background_ratio"),
                Shell.output("cat", "/proc/sys/vm/dirty_background_bytes"));
        try (LoweredDirtyLimits ignored = LoweredDirtyLimits.lower(DIRTY_BYTES, BACKGROUND_BYTES)) {
            System.out.println("lowered limits: " + thresholds());
            forced = run("forced");
        }
        List<String> after = List.of(Shell.output("cat", "/proc/sys/vm/dirty_ratio"),
                Shell.output("cat", "/proc/sys/vm/dirty_bytes"), Shell.output("cat", "/proc/sys/vm/dirty_background_ratio"),
                Shell.output("cat", "/proc/sys/vm/dirty_background_bytes"));
        assertEquals(before, after, "vm.dirty_ratio, _bytes, _background_ratio, _background_bytes put back");

        assertTrue(forced.throttledShare() > 0, "dirty limit " + DIRTY_BYTES + " B, yet the throttle never held the writer"
                + " (dirty at the end: " + forced.dirtyMiB() + " MiB)");
        assertTrue(forced.sleeps() > 0, "a throttled writer sleeps, yet ·sleeps is " + forced.sleeps());
        // The plain run dirties at most the file: below the freerun ceiling it cannot be throttled.
        assumeTrue(freerunBytes > 4 * FILE_SIZE, "this machine's own dirty limits are too low to tell the two apart");
        assertEquals(0, plain.throttledShare(), "the plain run, at most " + FILE_SIZE + " B dirty, counted throttled");
        assertTrue(plain.sleeps() * 10 < forced.sleeps(), "sleeps per write: plain " + plain.sleeps() + ", forced "
                + forced.sleeps());
    }
}
