package mmapbench.report;

import mmapbench.file.Question;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** COLD random reads at 1, 2 and 32 threads: each API's operations per second with its interval over forks. */
class DeviceThreadsTest {

    private static Row cold(String method, int threads, double... forkNanos) {
        return Synthetic.row(Question.RANDOM_READ, method, 4096, "COLD", Map.of("access", "INDEPENDENT"), threads,
                java.util.Arrays.stream(forkNanos).mapToObj(n -> List.of(n, n)).toList());
    }

    @Test
    void eachThreadCountHasTheRunsOperationsPerSecondAndAnInterval() {
        List<Row> rows = List.of(cold("fileChannel", 1, 60000, 61000, 59000), cold("fileChannel", 2, 62000, 61000, 63000),
                cold("fileChannel", 32, 200000, 210000, 190000), cold("memorySegment", 1, 4e6, 4.1e6, 3.9e6));
        List<DeviceThreads.Line> lines = DeviceThreads.of(rows);
        assertEquals(1, lines.size(), "memorySegment ran on one thread count only");
        DeviceThreads.Cell at32 = lines.getFirst().byThreads().get(32);
        // 32 threads × 10⁹ / 200 µs each (geometric mean over forks of 190-210 µs).
        assertEquals(160_000, at32.opsPerSec(), 500);
        assertTrue(at32.low() < at32.opsPerSec() && at32.high() > at32.opsPerSec() && at32.high() < 200_000, at32.toString());
        String md = DeviceThreads.section(rows);
        assertTrue(md.contains("| 1 thread | 2 threads | 32 threads |"), md);
        assertTrue(md.contains("| RandomRead | 4096 B, COLD | none | fileChannel | 16.7 k/s ["), md);
        assertTrue(md.contains("| 160 k/s ["), md);
    }

    @Test
    void aRunWithoutColdRowsOnManyThreadsHasNoSection() {
        List<Row> rows = List.of(cold("fileChannel", 1, 60000, 61000, 59000),
                Synthetic.row(Question.RANDOM_READ, "fileChannel", 4096, "WARM", Map.of(), 2, List.of(List.of(900.0))));
        assertEquals("", DeviceThreads.section(rows));
    }
}
