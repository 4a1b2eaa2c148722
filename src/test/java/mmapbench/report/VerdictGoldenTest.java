package mmapbench.report;

import mmapbench.file.Api;
import mmapbench.file.Question;
import mmapbench.fixture.CacheState;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The golden files are real JMH output of this suite: a.json and b.json short one-fork runs (64 MiB
 * file, WARM only); full-random-read.json the RandomRead rows of the published full run (3 forks
 * x 5 iterations). The expected pairs of the latter were computed from its raw data by a separate
 * script, not by this code (full-random-read.expected).
 */
class VerdictGoldenTest {

    @TempDir
    Path dir;

    static List<Comparison> compare(String golden) throws Exception {
        return Verdict.compare(Measured.of(JmhResults.read(golden(golden))));
    }

    @Test
    void theFullRunGivesExactlyTheExpectedPairs() throws Exception {
        List<String> expected = Files.readAllLines(golden("full-random-read.expected")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        List<Comparison> got = compare("full-random-read.json");
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < got.size(); i++) {
            String[] e = expected.get(i).split("\\|");
            Comparison c = got.get(i);
            assertEquals(List.of(Long.parseLong(e[0]), CacheState.valueOf(e[1]), Api.ofMethod(e[2]), Api.ofMethod(e[3]),
                    RatioClass.valueOf(e[7])), List.of(c.group().blockSize(), c.group().cache(), c.mapped(), c.other(),
                    c.verdict()), "pair " + i);
            assertEquals(Double.parseDouble(e[4]), c.interval().ratio(), 1e-9 * c.interval().ratio(), "pair " + i);
            assertEquals(Double.parseDouble(e[5]), c.interval().low(), 1e-6 * c.interval().low(), "pair " + i);
            assertEquals(Double.parseDouble(e[6]), c.interval().high(), 1e-6 * c.interval().high(), "pair " + i);
        }
    }

    @Test
    void theDecisivePairIsTheFasterMappingAgainstTheFastestOtherApi() throws Exception {
        List<Comparison> got = compare("full-random-read.json");
        List<Comparison> decisive = got.stream().filter(Comparison::decisive).toList();
        assertEquals(9, decisive.size(), "one per block size and cache state");
        for (Comparison d : decisive) {
            // Against the same other API no mapping does better; with the same mapping no other API does better.
            for (Comparison c : got) {
                if (c.group().equals(d.group()) && c.other() == d.other()) {
                    assertTrue(c.interval().ratio() <= d.interval().ratio() + 1e-12, "faster mapping: " + c);
                }
                if (c.group().equals(d.group()) && c.mapped() == d.mapped()) {
                    assertTrue(c.interval().ratio() >= d.interval().ratio() - 1e-12, "fastest other: " + c);
                }
            }
        }
    }

    @Test
    void oneForkRunsAreUndecidedAndSaySoNotInfinity() throws Exception {
        List<Comparison> got = compare("a.json");
        assertEquals(24, got.size());
        for (Comparison c : got) {
            assertEquals(RatioClass.UNDECIDED, c.verdict());
            assertFalse(c.interval().bounded());
            assertEquals("no round-to-round variation to go by: run at least 2 rounds (JMH -f 2)", c.decide());
        }
    }

    @Test
    void aRunWithoutSomeStatesOrQuestionsIsPartialNotACrash() throws Exception {
        List<Row> rows = JmhResults.read(golden("full-random-read.json"));
        List<Measured> m = Measured.of(rows);
        List<Verdict.QuestionVerdict> v = Verdict.judge(m, Verdict.compare(m));
        Verdict.QuestionVerdict random = v.getFirst();
        assertEquals(Question.RANDOM_READ, random.question());
        assertEquals(Verdict.Answer.IN_PART, random.answer(), "8 B from the page cache at 10x, the rest not");
        assertEquals(List.of(), random.missing());
        assertEquals(List.of(Verdict.NO_RESULTS), v.get(1).missing());
        assertEquals(Verdict.Answer.NO_DATA, v.get(1).answer());
        List<Row> noStream = rows.stream().filter(r -> r.api().orElseThrow() != Api.BUFFERED_STREAM).toList();
        List<Measured> ns = Measured.of(noStream);
        Verdict.QuestionVerdict partial = Verdict.judge(ns, Verdict.compare(ns)).getFirst();
        assertEquals(List.of("API bufferedStream"), partial.missing());
    }

    @Test
    void theReportWritesMarkdownVerdictJsonAndAPng() throws Exception {
        Path json = Files.copy(golden("full-random-read.json"), dir.resolve("jmh-result.json"));
        Files.copy(golden("environment.json"), dir.resolve("environment.json"), StandardCopyOption.REPLACE_EXISTING);
        String md = Report.of(json).write();
        assertTrue(md.contains("**Random reads, throughput (independent reads: the CPU overlaps their misses)** (the lecture:"
                + " mapped ≈10x faster): **the claim holds only in part**."
                + " 2 groups for it, 5 against, 0 on its border, 2 undecided."), md);
        assertTrue(md.contains("- 8 B, page cache, pre-faulted mapping (HOT): a mapping (memorySegment) is 12.0x faster"
                + " than fileChannel (95%: 10.5–14.1x): the claim holds."), md);
        assertTrue(md.indexOf("## The answer") < md.indexOf("| machine |"), "the answer comes first");
        assertTrue(md.contains("| kernel | "), "the machine is in the report");
        assertEquals(md, Files.readString(dir.resolve(Report.MARKDOWN)));
        String verdict = Files.readString(dir.resolve(Report.VERDICT));
        assertTrue(verdict.contains("\"partial\" : true"), verdict);
        assertTrue(verdict.contains("\"verdict\" : \"BORDERLINE\""), "classes as enum names");
        byte[] png = Files.readAllBytes(dir.resolve(Report.CHART));
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, java.util.Arrays.copyOf(png, 8));
        assertTrue(png.length > 20_000, "a chart with points and text, not an empty image: " + png.length + " bytes");
        BufferedImage image = ImageIO.read(dir.resolve(Report.CHART).toFile());
        assertNotNull(image);
        assertTrue(image.getWidth() >= 1000 && image.getHeight() >= 400);
    }

    @Test
    void ipcRowsGiveALatencyTableAndTheSpeedUp() throws Exception {
        List<IpcLatencies.Latency> l = IpcLatencies.latencies(JmhResults.read(golden("ipc.json")));
        assertEquals(List.of(mmapbench.ipc.Channel.SHM_SPIN, mmapbench.ipc.Channel.UNIX_SOCKET),
                l.stream().map(IpcLatencies.Latency::channel).toList());
        List<IpcLatencies.SpeedUp> s = IpcLatencies.speedUps(l);
        assertEquals(1, s.size());
        assertEquals(l.get(1).p50() / l.get(0).p50(), s.getFirst().ratio(), 1e-9);
    }

    @Test
    void compareShowsBothRunsGroupByGroup() throws Exception {
        String md = ReportMain.compare(golden("a.json"), golden("full-random-read.json"));
        List<Comparison> a = compare("a.json");
        List<Comparison> b = compare("full-random-read.json");
        for (Comparison c : a) {
            Comparison other = b.stream().filter(x -> x.group().equals(c.group()) && x.mapped() == c.mapped()
                    && x.other() == c.other()).findFirst().orElse(null);
            String line = "| " + c.group().question().label() + " | " + c.group().label() + " | " + c.mapped().method + " / " + c.other().method
                    + " | " + c.figure() + " | " + (other == null ? "" : other.figure()) + " | ";
            String change = (other == null ? "only in A" : c.verdict() == other.verdict() ? "same: " + c.verdict().label
                    : c.verdict().label + " → " + other.verdict().label)
                    + (other != null && RunComparison.apart(c.interval(), other.interval()) ? "; intervals apart: A–B" : "");
            assertTrue(md.lines().anyMatch(x -> x.startsWith(line) && x.endsWith("| " + change + " |")), line + change);
        }
        assertTrue(md.contains("| RandomRead | undecided | holds only in part |"), md);
    }
}
