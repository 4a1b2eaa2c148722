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
    void aControlWhoseIntervalMissesOneIsCalledOut() {
        TailRow channel = tail("fileChannel", 100e3, 101e3, 99e3);
        TailRow control = tail("fileChannelControl", 300e3, 310e3, 290e3);
        TailSection.Group g = new TailSection.Group("ReadTailBenchmark", java.util.Map.of("cache", "COLD"), 1,
                java.util.List.of(tail("memorySegment", 5e6, 5e6, 5e6), channel, control));
        String verdict = TailSection.verdict(g);
        assertTrue(verdict.contains("comes out at 3.00x"), verdict);
        assertTrue(verdict.contains("Its interval misses 1x"), verdict);
        assertTrue(!TailSection.verdict(new TailSection.Group("ReadTailBenchmark", java.util.Map.of("cache", "COLD"), 1,
                java.util.List.of(channel, tail("fileChannelControl", 100e3, 101e3, 99e3)))).contains("misses"));
    }

    /** A row of three forks of 1024 reads each, with these p99s. */
    private static TailRow tail(String method, double... p99) {
        return new TailRow("mmapbench.tail.ReadTailBenchmark." + method, 1, java.util.Map.of(),
                java.util.Map.of("·p99", p99, TailProfiler.SAMPLES, new double[]{1024, 1024, 1024}));
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
