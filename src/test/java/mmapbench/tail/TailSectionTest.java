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

    /**
     * Three forks of 768 COLD 4 KiB writes (p99 reached, p99.9 not) and of 24576 reads of WARM
     * short-lived opens of 16 reads (p99.9 reached), three APIs each: see write-and-short-lived.py.
     */
    @Test
    void theWriteAndShortLivedGroupsRenderUnderTheirQuestions() throws Exception {
        Path golden = golden("tail/write-and-short-lived.json");
        String md = TailSection.markdown(golden);
        assertTrue(md.startsWith("## Slow reads and writes: the distribution of single operations\n"), md);
        assertTrue(md.contains("A short-lived row's call is `ops` opens of `reads` reads each, and its operation is one read"), md);

        assertTrue(md.contains("### Random writes, 4096 B, COLD\n"), md);
        assertTrue(md.contains("p99.9 is not reached (768 writes a fork leave fewer than 5 above it): the verdict is at p99."), md);
        // 30x, 24x and 27x, paired by fork.
        assertTrue(md.contains("At p99 a mapped COLD write (`memorySegment`) takes 26.9x as long as `fileChannel`, the"
                + " fastest other API there (95%: 20.4–35.5x, 3 fork pairs)."), md);
        assertTrue(md.contains("The control (`fileChannelControl` against `fileChannel`, the same writes) comes out at"
                + " 1.01x"), md);
        assertTrue(md.contains("| API | writes a fork | p50 | p90 | p99 | p99.9 | p99.99 | max |\n"), md);
        assertTrue(md.contains("| `memorySegment` (mapped) | 768 × 3 forks | 1.50 ms | 2.00 ms | 2.69 ms | — | — | 4.00 ms |\n"), md);
        assertTrue(md.contains("![percentiles of single writes, 4096 B, COLD, log latency against log percentile](tail-1.png)"), md);

        assertTrue(md.contains("### Short-lived random reads (open, read a few blocks, close), 4096 B, 16 reads an open, WARM\n"), md);
        // 5x, 5.5x and 5.25x at p99.9, reached by every fork.
        assertTrue(md.contains("At p99.9 a mapped WARM read (`memorySegment`) takes 5.25x as long as `fileChannel`"), md);
        assertTrue(md.contains("| API | reads a fork | p50 | p90 | p99 | p99.9 | p99.99 | max |\n"), md);
        assertTrue(md.contains("| `memorySegment` (mapped) | 24576 × 3 forks | 2.00 µs | 10.0 µs | 30.0 µs | 42.0 µs | — | 60.0 µs |\n"), md);
        assertTrue(md.contains("![percentiles of single reads, 4096 B, 16 reads an open, WARM, log latency against log"
                + " percentile](tail-2.png)"), md);

        // No COLD random reads in the run: the headline is its first COLD group's.
        assertTrue(TailSection.headline(golden).startsWith("Random writes, 4096 B, COLD: p99.9 is not reached"),
                TailSection.headline(golden));
    }

    @Test
    void theHeadlineIsTheColdRandomReadsWhenTheRunHasThem() throws Exception {
        assertTrue(TailSection.headline(golden("tail/cold-random-read.json")).startsWith("Random reads, 4096 B, COLD: "));
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
        Path both = Files.createDirectory(dir.resolve("write-and-short-lived"));
        TailSection.drawCharts(golden("tail/write-and-short-lived.json"), both);
        assertTrue(Files.size(both.resolve("tail-1.png")) > 1000 && Files.size(both.resolve("tail-2.png")) > 1000);
    }
}
