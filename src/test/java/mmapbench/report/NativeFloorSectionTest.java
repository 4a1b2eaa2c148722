package mmapbench.report;

import mmapbench.ipc.NativeFloor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static mmapbench.report.JmhResultsTest.golden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Java's round trips over the native floor, from {@code ipc-cpus.json} and a {@code native-ipc.json}
 * as {@link NativeFloor} writes it (the C program's figures at 8 B, SAME and SPLIT, 10000 round
 * trips; the two files come from different runs: this is about how the section reads them).
 */
class NativeFloorSectionTest {

    @TempDir
    Path dir;

    private String section(boolean withFloor) throws Exception {
        Path json = Files.copy(golden("ipc-cpus.json"), dir.resolve("jmh-result.json"));
        if (withFloor) {
            Files.copy(golden(NativeFloor.FILE), dir.resolve(NativeFloor.FILE));
        }
        return NativeFloorSection.beside(json, JmhResults.read(json)).markdown();
    }

    @Test
    void eachBlockingChannelAndPlacementIsJavaOverItsFloor() throws Exception {
        String md = section(true);
        // SHM_FUTEX at 8 B on one CPU: Java's sample-mode median 7.28 µs over the C program's 1.609 µs.
        assertTrue(md.contains("| SHM_FUTEX | 8 | SAME | 7.28 (median) | 1.61 | 2.39 | 4.52x | 1.00, 1.00 | n/a |\n"), md);
        assertTrue(md.contains("| UNIX_SOCKET | 8 | SPLIT | 44.9 (median) | 34.3 | 76.3 | 1.31x | 1.02, 1.02 | n/a |\n"), md);
        // ipc-cpus.json has no PIPE rows, and SHM_SPIN has no floor: neither is a line.
        assertEquals(4, md.lines().filter(l -> l.startsWith("| SHM_FUTEX |") || l.startsWith("| UNIX_SOCKET |")).count(), md);
        assertTrue(md.lines().noneMatch(l -> l.startsWith("| PIPE |") || l.startsWith("| SHM_SPIN |")), md);
        assertTrue(md.contains("so the ratio has no interval"), md);
        assertTrue(md.contains("one cost 17.1 ns in this run's launcher JVM (the same JDK and clocksource; C's"
                + " clock_gettime: 16.4 ns), so they add up to 34 ns to each sample-mode figure, 2.1% of the fastest"
                + " native round trip above (1.61 µs)"), md);
    }

    @Test
    void withoutTheFileOneLineSaysSo() throws Exception {
        assertEquals("No native IPC floor in this run (native-ipc.json: measured after the IPC leg where gcc is"
                + " installed).\n\n", section(false));
    }
}
