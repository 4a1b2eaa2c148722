package mmapbench.tail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "Slow reads" section from a small golden JMH file: three forks of 1024 COLD 4 KiB reads
 * per API (so p99 is reached and p99.9 is not), and a run without tail rows, which gets no section.
 */
class TailSectionTest {

    private static Path golden(String name) throws URISyntaxException {
        return Path.of(TailSectionTest.class.getResource("/golden/" + name).toURI());
    }

    @Test
    void theGoldenRunsPercentilesVerdictAndControlRender() throws Exception {
        String md = TailSection.markdown(golden("tail/cold-random-read.json"));
        assertTrue(md.startsWith("## Slow reads: the distribution of single operations\n"), md);
        assertTrue(md.contains("### Random reads, 4096 B, COLD\n"), md);
        assertTrue(md.contains("a back-to-back `System.nanoTime()` pair takes 16.3 ns here"), md);
        assertTrue(md.contains("p99.9 is not reached (1024 reads a fork leave fewer than 5 above it): the verdict is at p99."), md);
        // Paired by fork: 60x, 50x, 55x against fileChannel, the faster of the two pread APIs at p99.
        assertTrue(md.contains("At p99 a mapped COLD read (`memorySegment`) takes 54.8x as long as `fileChannel`, the"
                + " fastest other API there (95%: 43.7–68.8x, 3 fork pairs)."), md);
        assertTrue(md.contains("The control (`fileChannelControl` against `fileChannel`, the same reads) comes out at 1.02x"
                + " (95%: 0.932–1.11x, 3 fork pairs)"), md);
        assertTrue(md.contains("| `fileChannel` | 1024 × 3 forks | 60.0 µs | 72.0 µs | 100 µs | — | — | 300 µs |\n"), md);
        assertTrue(md.contains("| `memorySegment` (mapped) | 1024 × 3 forks | 4.00 ms | 4.33 ms | 5.48 ms | — | — | 6.83 ms |\n"), md);
        assertTrue(md.contains("![percentiles of single reads, 4096 B, COLD, log latency against log percentile](tail-1.png)"), md);
    }

    @Test
    void aRunWithoutTailRowsHasNoSection() throws Exception {
        assertEquals("", TailSection.markdown(golden("a.json")));
    }

    @Test
    void eachGroupGetsAChart(@TempDir Path dir) throws URISyntaxException, IOException {
        TailSection.drawCharts(golden("tail/cold-random-read.json"), dir);
        assertTrue(Files.size(dir.resolve("tail-1.png")) > 1000);
    }
}
