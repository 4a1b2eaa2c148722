package mmapbench.report;

import mmapbench.fio.Fio;
import mmapbench.file.Question;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Folios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A ratio is printed only for a Java row and a fio job in the same, checked cache state and folios. */
class FioSectionTest {

    @TempDir
    Path dir;

    private static final List<List<Double>> FORKS = List.of(List.of(1000.0, 1000.0), List.of(1000.0, 1000.0));

    private static Row row(String method, String cache, String folios) {
        return Synthetic.row(Question.RANDOM_READ, method, 4096, cache, folios == null ? Map.of()
                : Map.of("folios", folios), 1, FORKS);
    }

    private static Fio.Result fio(CacheState cache, Folios folios, Fio.Engine engine, double ns, Fio.CheckedState state) {
        return new Fio.Result(new Fio.Job(Question.RANDOM_READ, 4096, cache, folios, engine), ns, 1000, null, state);
    }

    /** The table's line for {@code method} in {@code javaState}, or "" when the row is left out. */
    private static String line(String md, String method, String javaState) {
        return md.lines().filter(l -> l.contains("| " + method + " | " + javaState + " |")).findFirst().orElse("");
    }

    private String section(List<Row> rows, List<Fio.Result> results) throws Exception {
        Path fioFile = dir.resolve(Fio.FILE);
        Fio.write("fio-3.33", results, fioFile);
        return new FioSection(fioFile, Measured.of(rows)).markdown();
    }

    @Test
    void eachRowMeetsTheFioJobOfItsOwnStateOnly() throws Exception {
        Fio.CheckedState small = new Fio.CheckedState(1.0, 0.0);
        Fio.CheckedState large = new Fio.CheckedState(1.0, 1.0);
        List<Row> rows = new ArrayList<>();
        for (String method : List.of("fileChannel", "memorySegment")) {
            rows.add(row(method, "HOT", "LARGE"));
            rows.add(row(method, "WARM", "LARGE"));
            rows.add(row(method, "WARM", "SMALL"));
        }
        String md = section(rows, List.of(
                fio(CacheState.WARM, Folios.LARGE, Fio.Engine.PSYNC, 500, large),
                fio(CacheState.WARM, Folios.SMALL, Fio.Engine.PSYNC, 250, small),
                fio(CacheState.WARM, Folios.LARGE, Fio.Engine.MMAP, 2000, large),
                // Asked for 4 KiB folios, found mapped with 2 MiB pages: not the row's state.
                fio(CacheState.WARM, Folios.SMALL, Fio.Engine.MMAP, 100, new Fio.CheckedState(1.0, 0.5))));
        // pread maps nothing: its HOT is WARM, and it meets the WARM job in its own folios.
        assertTrue(line(md, "fileChannel", "HOT (= WARM: no mapping), large folios").endsWith("| 500 | 2.00 |"), md);
        assertTrue(line(md, "fileChannel", "WARM, large folios").endsWith("| 500 | 2.00 |"), md);
        assertTrue(line(md, "fileChannel", "WARM, 4 KiB folios").endsWith("| 250 | 4.00 |"), md);
        assertTrue(line(md, "memorySegment", "WARM, large folios").endsWith("| 2000 | 0.500 |"), md);
        // fio's mapping is never pre-faulted: a HOT mapped row has no peer.
        assertEquals("", line(md, "memorySegment", "HOT, large folios"), md);
        String unreached = line(md, "memorySegment", "WARM, 4 KiB folios");
        assertTrue(unreached.contains("**not reached**, 50% mapped with 2 MiB pages") && unreached.endsWith("| 100 |  |"),
                "no ratio for a job that was not in the row's state: " + unreached);
        assertTrue(md.contains("Left out: 1 HOT mapped rows (no fio peer), 0 rows without a fio job in their state."), md);
    }

    @Test
    void anOlderFioFileReadsAsLargeFoliosAndItsHotJobsAsWarm() throws Exception {
        // As fio.json was written before folios and the check were recorded: no "folios", no "state".
        Files.writeString(dir.resolve(Fio.FILE), """
                {"fio": "fio-3.33", "results": [
                  {"job": {"question": "RANDOM_READ", "blockSize": 4096, "cache": "HOT", "engine": "psync"},
                   "nsPerOp": 1899.0, "ios": 10, "error": null},
                  {"job": {"question": "RANDOM_READ", "blockSize": 4096, "cache": "WARM", "engine": "psync"},
                   "nsPerOp": 783.0, "ios": 10, "error": null},
                  {"job": {"question": "RANDOM_READ", "blockSize": 4096, "cache": "COLD", "engine": "psync"},
                   "nsPerOp": 50000.0, "ios": 10, "error": null}]}
                """);
        List<Fio.Result> read = Fio.read(dir.resolve(Fio.FILE));
        assertEquals(Folios.LARGE, read.get(0).job().folios());
        assertEquals(null, read.get(2).job().folios(), "COLD has no folios");
        String md = new FioSection(dir.resolve(Fio.FILE), Measured.of(List.of(row("fileChannel", "HOT", null),
                row("fileChannel", "WARM", "SMALL"), row("fileChannel", "COLD", null)))).markdown();
        // The old "HOT" job was WARM too: of the two, the one named WARM.
        assertTrue(line(md, "fileChannel", "HOT (= WARM: no mapping), large folios").endsWith("| 783 | 1.28 |"), md);
        assertTrue(line(md, "fileChannel", "COLD").contains("COLD (set by the fixture; the check was not recorded)"), md);
        assertEquals("", line(md, "fileChannel", "WARM, 4 KiB folios"), "no job in 4 KiB folios: " + md);
        assertTrue(md.contains("0 HOT mapped rows (no fio peer), 1 rows without a fio job in their state"), md);
    }

    @Test
    void theCheckedStateIsWrittenAndReadBack() throws Exception {
        Path file = dir.resolve(Fio.FILE);
        Fio.Result cold = fio(CacheState.COLD, Folios.SMALL, Fio.Engine.MMAP, 9, new Fio.CheckedState(0.01, Double.NaN));
        Fio.write("fio-3.33", List.of(cold), file);
        Fio.Result back = Fio.read(file).getFirst();
        assertEquals(cold.job(), back.job());
        assertEquals(0.01, back.state().resident());
        assertTrue(Double.isNaN(back.state().largeFolioShare()));
        assertEquals(null, back.job().folios(), "COLD drops the folios it was given");
    }
}
