package mmapbench.series;

import mmapbench.file.Api;
import mmapbench.fixture.Advice;
import mmapbench.fixture.DataFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The series' windows add up to the whole run: its time and every read, window after window without a gap. */
class SamplingTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} ms in 100 ms windows through {1}")
    @CsvSource({"1000, fileChannel, 10", "1050, memorySegment, 11", "300, randomAccessFile, 3", "200, mappedBuffer, 2"})
    @Timeout(60)
    void theWindowsAddUpToTheWholeRun(long runMillis, String method, int windows) throws Exception {
        Path file = DataFile.ensure(dir, DataFile.Kind.READ, 4 << 20, new PrintStream(PrintStream.nullOutputStream()));
        Api api = Api.ofMethod(method);
        Series s;
        try (RandomReader reader = RandomReader.open(api, file, Advice.NORMAL, FirstMinute.BLOCK_SIZE)) {
            s = Sampling.measure(reader, api, Advice.NORMAL, 4 << 20, 0, 128, runMillis * 1_000_000, 100_000_000,
                    Sampling.kernel(null, false));
        }
        List<Window> w = s.windows();
        assertEquals(windows, w.size(), w.toString());
        assertEquals(s.runNanos(), w.stream().mapToLong(Window::nanos).sum(), "the windows' time is the run's");
        assertEquals(s.totalOps(), w.stream().mapToLong(Window::ops).sum(), "the windows' reads are every read");
        assertTrue(s.totalOps() > 0, "it read");
        assertTrue(s.runNanos() >= runMillis * 1_000_000, "the run lasted " + s.runNanos() + " ns");
        for (int i = 1; i < w.size(); i++) {
            assertEquals(w.get(i - 1).startNanos() + w.get(i - 1).nanos(), w.get(i).startNanos(), "window " + i);
        }
        assertEquals(0, w.getFirst().startNanos());
        assertEquals(-1, w.getFirst().evictions(), "no cgroup, no evictions to count");
    }

    @Test
    void aRunShorterThanAWindowIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sampling.measure(null, Api.FILE_CHANNEL, Advice.NORMAL, 0, 0, 128, 50, 100, () -> null));
        assertEquals("a run of 50 ns cannot be split into windows of 100 ns: give a run at least one window long",
                e.getMessage());
    }

    @Test
    void theTlbRowIsSummedOverItsCpusAndAMachineWithoutOneSaysSo() {
        String interrupts = """
                           CPU0       CPU1
                  0:         30          0   IO-APIC   2-edge      timer
                TLB:     512354     565195   TLB shootdowns
                """;
        assertEquals(512354 + 565195, Counters.tlbShootdowns(interrupts));
        assertEquals(-1, Counters.tlbShootdowns("  0: 30 0 timer\n"));
        assertEquals(-1, Counters.tlbShootdowns(null));
        assertTrue(Counters.read(null, false).tlbShootdowns() >= 0, "this x86 machine's /proc/interrupts has a TLB row");
    }
}
