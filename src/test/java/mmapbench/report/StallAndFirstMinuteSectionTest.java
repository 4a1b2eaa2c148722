package mmapbench.report;

import mmapbench.file.Api;
import mmapbench.series.FirstMinuteFile;
import mmapbench.series.Series;
import mmapbench.series.Window;
import mmapbench.stall.Stall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two sections of issue 21: nothing without their rows or file, and their words when there are. */
class StallAndFirstMinuteSectionTest {

    @TempDir
    Path dir;

    private static Row stallRow(String method, double hiccupP99, double hiccupMax, double ttspMax) {
        return new Row("mmapbench.stall.JvmStallBenchmark." + method, Optional.empty(), Optional.of(Api.ofMethod(method)),
                false, "ss", 1, Map.of("cache", "COLD", "advice", "RANDOM", "memoryLimit", "25%", "ops", "1000"),
                2_000_000, 0, "ns/op", List.of(), Map.of(), Map.of(Stall.HICCUP_P99, hiccupP99, Stall.HICCUP_MAX, hiccupMax,
                Stall.TTSP_MAX, ttspMax, Stall.SAFEPOINTS, 12.0), List.of());
    }

    @Test
    void theStallSectionSaysPerApiHowLongTheJvmWasStoppedAtP99AndAtMost() {
        assertEquals("", new StallSection(List.of()).markdown());
        String md = new StallSection(List.of(stallRow("memorySegment", 4_500_000, 9_000_000, 8_000_000),
                stallRow("fileChannel", 120_000, 300_000, 50_000))).markdown();
        assertTrue(md.startsWith("## The JVM-wide stall\n"), md);
        assertTrue(md.contains("| COLD, advice RANDOM, memoryLimit 25%, 1000 reads | memorySegment | 2.00 | 4.500 | 9.000 | 12.0 |"), md);
        assertTrue(md.contains("- COLD, advice RANDOM, memoryLimit 25%, 1000 reads: through pread the bystander was held"
                + " up 0.120 ms at p99 and 0.300 ms at most, the longest time to safepoint 0.050 ms; through the mapping"
                + " (memorySegment) the bystander was held up 4.500 ms at p99 and 9.000 ms at most, the longest time to"
                + " safepoint 8.000 ms.\n"), md);
    }

    private static Series series(String api, int fill) {
        List<Window> w = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long ops = i < fill ? 2000 : 800 + 10 * (i % 3);
            w.add(new Window(i * 100_000_000L, 100_000_000L, ops, ops, ops * 4096, i >= fill ? ops : 0, 30));
        }
        return new Series(api, "NORMAL", 64 << 20, 24 << 20, 4096, 100, 5_000_000_000L,
                w.stream().mapToLong(Window::ops).sum(), 128, w);
    }

    @Test
    void theFirstMinuteSectionNamesTheFillAndDrawsOneChartPerApi() throws Exception {
        Path result = dir.resolve("jmh-result.json");
        FirstMinuteSection none = FirstMinuteSection.beside(result);
        assertEquals("", none.markdown(), "a run without the file");
        FirstMinuteFile.write(new FirstMinuteFile(null, List.of(series("memorySegment", 12), series("fileChannel", 20))),
                dir.resolve(FirstMinuteFile.FILE));
        FirstMinuteSection s = FirstMinuteSection.beside(result);
        s.draw();
        assertTrue(Files.size(dir.resolve(FirstMinuteSection.CHART)) > 1000, "the chart was drawn");
        String md = s.markdown();
        assertTrue(md.contains("| memorySegment | 5.0 | "), md);
        assertTrue(md.contains("| 1.2 | 20000 | 8100 | 0.41x | 0.0 | 300 |"), md);
        assertTrue(md.contains("- fileChannel: the cache filled at 2.0 s;"), md);
        assertTrue(md.contains("Chart: [`first-minute.png`](first-minute.png)"), md);
    }

    @Test
    void aRunThatCouldNotLimitItsCacheSaysWhyInOneLine() throws Exception {
        FirstMinuteFile.write(new FirstMinuteFile("the first minute needs a memory cgroup below the file: run as root",
                List.of()), dir.resolve(FirstMinuteFile.FILE));
        assertEquals("## The first minute of a file larger than memory\n\nNot measured: the first minute needs a memory"
                + " cgroup below the file: run as root\n\n", FirstMinuteSection.beside(dir.resolve("r.json")).markdown());
    }
}
