package mmapbench.report;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static mmapbench.report.JmhResultsTest.golden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code compare} of two runs or more: a column each, the same pairs in one order, intervals apart marked. */
class RunComparisonTest {

    @Test
    void threeRunsGetAColumnEachAndEveryPairALineInTheOrderTheRunsFirstShowIt() throws Exception {
        List<Path> files = List.of(golden("a.json"), golden("full-random-read.json"), golden("full-4k.json.gz"));
        String md = RunComparison.markdown(files);
        assertTrue(md.startsWith("# mmap-bench: " + files.get(0) + " (A), " + files.get(1) + " (B) and " + files.get(2)
                + " (C)\n"), md.lines().findFirst().orElse(""));
        assertTrue(md.contains("\n| question | A | B | C |\n|---|---|---|---|\n"), "the verdicts, a column each");
        assertTrue(md.contains("\n| question | block, cache | mapped / other | A | B | C | what changed |\n"
                + "|---|---|---|---|---|---|---|\n"), "the speed-ups, a column each");
        List<List<Comparison>> runs = new ArrayList<>();
        for (Path f : files) {
            runs.add(Report.of(f).comparisons());
        }
        List<String> lines = md.lines().filter(l -> l.matches("\\| \\w+( \\(latency\\))? \\| \\d+ B, .*")).toList();
        // The pairs in the order the runs first show them: a pair is its group (file size included), not its label.
        List<Comparison> firsts = new ArrayList<>();
        for (List<Comparison> run : runs) {
            for (Comparison c : run) {
                if (firsts.stream().noneMatch(f -> same(f, c))) {
                    firsts.add(c);
                }
            }
        }
        assertEquals(firsts.size(), lines.size(), "every pair of every run once");
        for (int l = 0; l < lines.size(); l++) {
            String line = lines.get(l);
            Comparison first = firsts.get(l);
            assertTrue(line.startsWith(key(first)), "A's pairs first, then the ones only B and C have: " + line);
            String[] cells = line.substring(nthBar(line, 4) + 1).split(" \\| ", -1);
            Comparison[] byRun = new Comparison[runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                byRun[i] = runs.get(i).stream().filter(c -> same(c, first)).findFirst().orElse(null);
                assertEquals(byRun[i] == null ? "" : byRun[i].figure(), cells[i].trim(), line);
            }
            List<String> apart = new ArrayList<>();
            for (int a = 0; a < byRun.length; a++) {
                for (int b = a + 1; b < byRun.length; b++) {
                    if (byRun[a] != null && byRun[b] != null && byRun[a].interval().bounded()
                            && byRun[b].interval().bounded() && (byRun[a].interval().high() < byRun[b].interval().low()
                            || byRun[b].interval().high() < byRun[a].interval().low())) {
                        apart.add(RunComparison.letter(a) + "–" + RunComparison.letter(b));
                    }
                }
            }
            assertEquals(apart.isEmpty() ? "" : "intervals apart: " + String.join(", ", apart),
                    line.contains("intervals apart: ") ? line.substring(line.indexOf("intervals apart: "), line.length() - 2)
                            : "", line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("intervals apart: ")), "the golden runs differ somewhere");
    }

    @Test
    void whatChangedSaysTheClassesThePresenceAndTheIntervalsApart() {
        Comparison fast = comparison(3.0, 2.8, 3.2, RatioClass.FASTER);
        Comparison fastToo = comparison(3.1, 2.9, 3.3, RatioClass.FASTER);
        Comparison faster = comparison(5.0, 4.5, 5.5, RatioClass.FASTER);
        Comparison same = comparison(1.0, 0.9, 1.1, RatioClass.SAME);
        Comparison noise = comparison(1.0, Double.NaN, Double.NaN, RatioClass.UNDECIDED);
        assertEquals("same: " + RatioClass.FASTER.label, RunComparison.change(new Comparison[]{fast, fastToo}));
        assertEquals("same: " + RatioClass.FASTER.label + "; intervals apart: A–B",
                RunComparison.change(new Comparison[]{fast, faster}));
        assertEquals(RatioClass.FASTER.label + " → " + RatioClass.SAME.label + " → " + RatioClass.FASTER.label
                + "; intervals apart: A–B, B–C", RunComparison.change(new Comparison[]{fast, same, fastToo}));
        assertEquals("only in A", RunComparison.change(new Comparison[]{fast, null}));
        assertEquals("only in B, C; same: " + RatioClass.FASTER.label + "; intervals apart: B–C",
                RunComparison.change(new Comparison[]{null, fast, faster}));
        assertEquals(RatioClass.FASTER.label + " → " + RatioClass.UNDECIDED.label,
                RunComparison.change(new Comparison[]{fast, noise}), "no interval is never apart");
    }

    private static Comparison comparison(double ratio, double low, double high, RatioClass c) {
        return new Comparison(null, null, null, new Interval(ratio, low, high, Math.log(ratio), 0.1, 10, 3), c, true,
                true, "");
    }

    private static boolean same(Comparison a, Comparison b) {
        return a.group().equals(b.group()) && a.mapped() == b.mapped() && a.other() == b.other();
    }

    private static String key(Comparison c) {
        return "| " + c.group().question().label() + " | " + c.group().label() + " | " + c.mapped().method + " / "
                + c.other().method + " |";
    }

    private static int nthBar(String line, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = line.indexOf('|', at + 1);
        }
        return at;
    }
}
