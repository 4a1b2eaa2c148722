package mmapbench.series;

import mmapbench.fixture.DataFile;
import mmapbench.fixture.MemoryCgroup;
import mmapbench.fixture.MemoryLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The harness end to end, where a memory cgroup can be made: a 48 MiB file read in reader JVMs
 * whose cgroup holds about 8 MiB of it fills that cache within a second, and every API's
 * windows add up; the file is what the report reads.
 */
class FirstMinuteTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void everyApiFillsItsLimitedCacheAndItsWindowsAddUp() throws Exception {
        assumeTrue(MemoryCgroup.refusal() == null, "needs a memory cgroup (root): " + MemoryCgroup.refusal());
        long size = 48L << 20;
        Path file = DataFile.ensure(dir, DataFile.Kind.READ, size, new PrintStream(PrintStream.nullOutputStream()));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path out = dir.resolve(FirstMinuteFile.FILE);
        FirstMinute.run(file, MemoryLimit.HEADROOM + (8 << 20), Duration.ofSeconds(2), out,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        FirstMinuteFile f = FirstMinuteFile.read(out);
        assertNull(f.skipped());
        assertEquals(FirstMinute.CASES.size(), f.series().size(), log.toString(StandardCharsets.UTF_8));
        for (Series s : f.series()) {
            assertEquals(s.runNanos(), s.windows().stream().mapToLong(Window::nanos).sum(), s.label());
            assertEquals(s.totalOps(), s.windows().stream().mapToLong(Window::ops).sum(), s.label());
            assertTrue(s.windows().size() >= 20, s.label() + ": " + s.windows().size() + " windows");
            assertTrue(FirstMinuteSummary.of(s).fill() >= 0, s.label() + " never filled its cache: " + s.windows());
        }
    }
}
