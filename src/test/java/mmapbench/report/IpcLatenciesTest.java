package mmapbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IPC section of the report, from a real JMH run of both modes with {@code cpus}
 * ({@code ipc-cpus.json}: SHM_SPIN, SHM_FUTEX, UNIX_SOCKET at 8 B, SAME and SPLIT, one 200 ms
 * iteration; JMH's raw histograms taken out, the reader does not use them).
 */
class IpcLatenciesTest {

    private static Path golden(String name) throws URISyntaxException {
        return Path.of(IpcLatenciesTest.class.getResource("/golden/" + name).toURI());
    }

    private static List<IpcLatencies.Latency> latencies() throws Exception {
        return IpcLatencies.latencies(JmhResults.read(golden("ipc-cpus.json")));
    }

    @Test
    void eachChannelPayloadAndPlacementIsOneLineInChannelOrder() throws Exception {
        assertEquals(List.of("SHM_SPIN/SAME", "SHM_SPIN/SPLIT", "SHM_FUTEX/SAME", "SHM_FUTEX/SPLIT", "UNIX_SOCKET/SAME",
                "UNIX_SOCKET/SPLIT"), latencies().stream().map(l -> l.channel() + "/" + l.cpus()).toList());
    }

    @Test
    void percentilesComeFromSampleModeAndTheMeanFromAverageMode() throws Exception {
        IpcLatencies.Latency futexSame = latencies().get(2);
        assertEquals(new IpcLatencies.Latency(mmapbench.ipc.Channel.SHM_FUTEX, 8, mmapbench.ipc.Cpus.SAME, 7280.0, 144619.52000000002, 3542384.64000006,
                futexSame.max(), 23067.616907437132, 24096.37384208205, Double.NaN, futexSame.roundMedians()), futexSame);
        assertEquals(7280.0, futexSame.typical(), "the median, not a mean, compares channels");
    }

    @Test
    void speedUpsAreOverSpinForAllAndOverFutexForTheBlockingChannels() throws Exception {
        List<IpcLatencies.Latency> l = latencies();
        List<IpcLatencies.SpeedUp> s = IpcLatencies.speedUps(l);
        assertEquals(List.of("SHM_SPIN/SAME/SHM_FUTEX", "SHM_SPIN/SAME/UNIX_SOCKET", "SHM_SPIN/SPLIT/SHM_FUTEX",
                        "SHM_SPIN/SPLIT/UNIX_SOCKET", "SHM_FUTEX/SAME/UNIX_SOCKET", "SHM_FUTEX/SPLIT/UNIX_SOCKET"),
                s.stream().map(x -> x.baseline() + "/" + x.cpus() + "/" + x.other()).toList());
        assertEquals(11440.0 / 7280.0, s.get(4).ratio(), 1e-12);
    }

    @Test
    void theTableSaysWhichModeEachColumnComesFrom() throws Exception {
        String md = IpcLatencies.markdown(JmhResults.read(golden("ipc-cpus.json")));
        assertTrue(md.contains("| channel | payload (B) | cpus | p50 (µs, sample) | p99 (µs, sample) | p99.9 (µs, sample) |"
                + " mean (µs, sample) | mean ± error (µs, average) |\n"), md);
        assertTrue(md.contains("| SHM_FUTEX | 8 | SAME | 7.28 | 145 | 3542 | 23.1 | 24.1 |\n"), md);
        assertTrue(md.contains("How many times longer a round trip takes than SHM_FUTEX's, same payload and cpus (medians,"
                + " else average-mode means): each with its 95% interval over the rounds, from the ratio of the two rows'"
                + " medians round by round\n\n| payload (B) | cpus | UNIX_SOCKET |\n|---|---|---|\n"
                + "| 8 | SAME | 1.57x (no interval: the run kept no round's median) |\n"), md);
        assertTrue(md.contains("| payload (B) | cpus | SHM_FUTEX | UNIX_SOCKET |\n"), md);
        assertTrue(md.contains("| SHM_FUTEX | 8 | 7.28 | 44.4 | 6.10x |\n"), md);
        assertTrue(md.contains("SHM_SPIN under SAME yields the CPU"), "the yielding spinner is labelled");
    }

    @Test
    void resultsFromBeforeCpusWereTheSchedulersChoice() throws Exception {
        assertEquals(List.of(mmapbench.ipc.Cpus.ANY, mmapbench.ipc.Cpus.ANY), IpcLatencies.latencies(JmhResults.read(golden("ipc.json"))).stream()
                .map(IpcLatencies.Latency::cpus).toList());
    }

    @Test
    void theReportCarriesTheIpcSectionOnce(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("result.json");
        Files.copy(golden("ipc-cpus.json"), json);
        String md = Report.of(json).write();
        String section = IpcLatencies.markdown(JmhResults.read(json));
        assertTrue(md.contains(section));
        assertEquals(md.indexOf("## Shared memory IPC"), md.lastIndexOf("## Shared memory IPC"));
    }

    @Test
    void noIpcRowsNoSection() {
        assertEquals("", IpcLatencies.markdown(List.of()));
    }

    @Test
    void aHandoffWhoseIntervalStraddlesTheThresholdLeavesOnlyItsOwnAnswerOpen() {
        assertEquals("holds for a spinning receiver; undecided for the lecture's lock", BottomLineSection.answer(true, null));
        assertEquals("holds for a spinning receiver only", BottomLineSection.answer(true, false));
        assertEquals("undecided", BottomLineSection.answer(null, null));
        assertEquals("does not hold", BottomLineSection.answer(false, false));
    }
}
