package mmapbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static mmapbench.report.JmhResultsTest.golden;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The golden files are real JMH output of this suite (short runs on the 64 MiB file, WARM only).
 * The expected rows were computed from them by a separate script, not by this code.
 */
class VerdictGoldenTest {

    /** question | group | mapped | other | speed-up | class. */
    static final List<String> EXPECTED = List.of(
            "RandomRead|4096 B, WARM|mappedBuffer|randomAccessFile|3.804792828393495|mapped faster, well short of 10x",
            "RandomRead|4096 B, WARM|mappedBuffer|fileChannel|2.9680883492447476|mapped faster, well short of 10x",
            "RandomRead|4096 B, WARM|mappedBuffer|bufferedStream|5.573320908221705|undecided",
            "RandomRead|4096 B, WARM|memorySegment|randomAccessFile|3.5908508684288685|undecided",
            "RandomRead|4096 B, WARM|memorySegment|fileChannel|2.8011939433136606|undecided",
            "RandomRead|4096 B, WARM|memorySegment|bufferedStream|5.259935330505444|undecided",
            "RandomRead|65536 B, WARM|mappedBuffer|randomAccessFile|1.6567928851263833|undecided",
            "RandomRead|65536 B, WARM|mappedBuffer|fileChannel|1.2576866195731908|undecided",
            "RandomRead|65536 B, WARM|mappedBuffer|bufferedStream|1.604736339564579|undecided",
            "RandomRead|65536 B, WARM|memorySegment|randomAccessFile|1.6036731249496015|undecided",
            "RandomRead|65536 B, WARM|memorySegment|fileChannel|1.217362924192172|undecided",
            "RandomRead|65536 B, WARM|memorySegment|bufferedStream|1.553285605879098|undecided",
            "SequentialRead|4096 B, WARM|mappedBuffer|randomAccessFile|4.274781760614815|undecided",
            "SequentialRead|4096 B, WARM|mappedBuffer|fileChannel|3.1594813757739804|undecided",
            "SequentialRead|4096 B, WARM|mappedBuffer|bufferedStream|3.411497792110915|undecided",
            "SequentialRead|4096 B, WARM|memorySegment|randomAccessFile|5.915704806557707|undecided",
            "SequentialRead|4096 B, WARM|memorySegment|fileChannel|4.372283828170808|undecided",
            "SequentialRead|4096 B, WARM|memorySegment|bufferedStream|4.721039579678794|undecided",
            "SequentialRead|65536 B, WARM|mappedBuffer|randomAccessFile|1.4324108197488845|undecided",
            "SequentialRead|65536 B, WARM|mappedBuffer|fileChannel|1.103357022386105|undecided",
            "SequentialRead|65536 B, WARM|mappedBuffer|bufferedStream|1.4016968054423387|undecided",
            "SequentialRead|65536 B, WARM|memorySegment|randomAccessFile|1.4087668761074896|undecided",
            "SequentialRead|65536 B, WARM|memorySegment|fileChannel|1.0851445718139934|undecided",
            "SequentialRead|65536 B, WARM|memorySegment|bufferedStream|1.3785598395570824|undecided");

    @TempDir
    Path dir;

    @Test
    void theGoldenGivesExactlyTheExpectedRows() throws Exception {
        List<Verdict.Comparison> got = Verdict.compare(JmhResults.read(golden("a.json")));
        assertEquals(EXPECTED.size(), got.size());
        for (int i = 0; i < got.size(); i++) {
            String[] e = EXPECTED.get(i).split("\\|");
            Verdict.Comparison c = got.get(i);
            assertEquals(List.of(e[0], e[1], e[2], e[3], e[5]),
                    List.of(c.question(), c.group(), c.mapped(), c.other(), c.verdict().label), "row " + i);
            assertEquals(Double.parseDouble(e[4]), c.ratio(), 1e-9 * c.ratio(), "row " + i);
            assertTrue(c.low() <= c.ratio() && c.ratio() <= c.high(), "the interval holds the ratio: row " + i);
        }
    }

    @Test
    void aRunWithoutSomeStatesOrQuestionsIsPartialNotACrash() throws Exception {
        List<Row> rows = JmhResults.read(golden("a.json"));
        List<Verdict.QuestionVerdict> v = Verdict.judge(rows, Verdict.compare(rows));
        Verdict.QuestionVerdict random = v.getFirst();
        assertEquals("RandomRead", random.question());
        assertEquals("does not hold", random.verdict(), "2 rows fall short of 10x, 10 are undecided");
        assertEquals(List.of("cache HOT", "cache COLD"), random.missing());
        assertEquals(List.of(Verdict.NO_RESULTS), v.get(1).missing());
        assertEquals("no data", v.get(1).verdict());
        assertEquals("undecided", v.get(2).verdict());
        // Without the stream rows: fewer pairs, still a verdict.
        List<Row> noStream = rows.stream().filter(r -> !r.api().equals("bufferedStream")).toList();
        Verdict.QuestionVerdict partial = Verdict.judge(noStream, Verdict.compare(noStream)).getFirst();
        assertEquals(List.of("API bufferedStream", "cache HOT", "cache COLD"), partial.missing());
        assertEquals(8, partial.supporting().size() + partial.contradicting().size() + partial.undecided().size());
    }

    @Test
    void classesFollowTheThresholds() {
        assertEquals(Verdict.Class.TEN_X, Verdict.classify(7.5, 30));
        assertEquals(Verdict.Class.FASTER, Verdict.classify(1.25, 7.49));
        assertEquals(Verdict.Class.SAME, Verdict.classify(0.8, 1.2));
        assertEquals(Verdict.Class.REVERSED, Verdict.classify(0.01, 0.79));
        assertEquals(Verdict.Class.UNDECIDED, Verdict.classify(6, 9));
        assertEquals(Verdict.Class.UNDECIDED, Verdict.classify(0.5, Double.POSITIVE_INFINITY));
    }

    @Test
    void theReportWritesMarkdownVerdictJsonAndAPng() throws Exception {
        Path json = Files.copy(golden("a.json"), dir.resolve("jmh-result.json"));
        Files.copy(golden("environment.json"), dir.resolve("environment.json"), StandardCopyOption.REPLACE_EXISTING);
        String md = Report.of(json).write();
        assertTrue(md.contains("| RandomRead | mapped ≈10x faster | **does not hold** (partial) | 0 | 2 | 10 |"), md);
        assertTrue(md.contains("| kernel | "), "the machine is in the header");
        assertEquals(md, Files.readString(dir.resolve(Report.MARKDOWN)));
        String verdict = Files.readString(dir.resolve(Report.VERDICT));
        assertTrue(verdict.contains("\"partial\" : true"), verdict);
        byte[] png = Files.readAllBytes(dir.resolve(Report.CHART));
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, java.util.Arrays.copyOf(png, 8));
        assertTrue(png.length > 20_000, "a chart with bars and text, not an empty image: " + png.length + " bytes");
        BufferedImage image = ImageIO.read(dir.resolve(Report.CHART).toFile());
        assertNotNull(image);
        assertTrue(image.getWidth() >= 1000 && image.getHeight() >= 400);
    }

    @Test
    void ipcRowsGiveALatencyTableAndTheSpeedUp() throws Exception {
        List<Ipc.Latency> l = Ipc.latencies(JmhResults.read(golden("ipc.json")));
        assertEquals(List.of("SHM_SPIN", "UNIX_SOCKET"), l.stream().map(Ipc.Latency::channel).toList());
        for (Ipc.Latency x : l) {
            assertTrue(x.p50() <= x.p99() && x.p99() <= x.p999() && x.p999() <= x.max(), x.toString());
        }
        List<Ipc.SpeedUp> s = Ipc.speedUps(l);
        assertEquals(1, s.size());
        assertEquals(l.get(1).p50() / l.get(0).p50(), s.getFirst().ratio(), 1e-9);
    }

    @Test
    void compareShowsBothRunsGroupByGroup() throws Exception {
        String md = ReportMain.compare(golden("a.json"), golden("b.json"));
        List<Verdict.Comparison> a = Verdict.compare(JmhResults.read(golden("a.json")));
        List<Verdict.Comparison> b = Verdict.compare(JmhResults.read(golden("b.json")));
        for (int i = 0; i < a.size(); i++) {
            String change = a.get(i).verdict() == b.get(i).verdict() ? "same: " + a.get(i).verdict().label
                    : a.get(i).verdict().label + " → " + b.get(i).verdict().label;
            String line = "| " + a.get(i).question() + " | " + a.get(i).group() + " | " + a.get(i).mapped() + " / "
                    + a.get(i).other() + " | ";
            assertTrue(md.contains(line), line);
            assertTrue(md.lines().anyMatch(x -> x.startsWith(line) && x.endsWith("| " + change + " |")), line + change);
        }
        assertTrue(md.contains("| kernel | "), "both machines are described");
    }
}
