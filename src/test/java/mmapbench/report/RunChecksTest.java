package mmapbench.report;

import mmapbench.file.Api;
import mmapbench.file.Question;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks a run makes on itself: control, steadiness, variants kept apart, skipped rows named. */
class RunChecksTest {

    @TempDir
    Path dir;

    static final String[] METHODS = {"mappedBuffer", "memorySegment", "randomAccessFile", "fileChannel",
            "bufferedStream", "fileChannelControl"};

    /** A RandomRead run: 8 B mapped 10x faster, 3 blocks x 2 states, the control shifted by {@code controlShift}. */
    static List<Row> run(Random rnd, double controlShift) {
        List<Row> rows = new ArrayList<>();
        for (String cache : List.of("WARM", "COLD")) {
            for (long block : List.of(8L, 4096L, 65536L)) {
                for (String m : METHODS) {
                    double nanos = m.startsWith("m") ? 100 : 1000;
                    nanos *= m.endsWith("Control") ? controlShift : 1;
                    rows.add(Synthetic.row(Question.RANDOM_READ, m, block, cache,
                            Synthetic.forks(rnd, nanos, 3, 3, 0.03, 0.02)));
                }
            }
        }
        return rows;
    }

    @Test
    void aControlThatMatchesPassesAndStatesTheNoiseFloor() throws Exception {
        Control c = Control.of(Measured.of(run(new Random(1), 1)));
        assertEquals(6, c.pairs().size());
        assertTrue(c.passed(), c.summary());
        assertTrue(c.floor() > 0.01 && c.floor() < 0.2, "noise floor " + c.floor());
        assertTrue(c.summary().startsWith("Control: fileChannel measured twice in 6 groups"), c.summary());
        String md = Report.of(Synthetic.write(run(new Random(1), 1), dir.resolve("jmh-result.json"))).write();
        assertFalse(md.contains("not to be trusted"), md);
        assertTrue(md.contains("- 8 B, page cache, fresh mapping (WARM): a mapping (mappedBuffer) is "), md);
    }

    @Test
    void aFailingControlIsSaidOnTheFirstLinesAndTheVerdictIsNotTrusted() throws Exception {
        List<Row> rows = run(new Random(1), 1.4);
        Control c = Control.of(Measured.of(rows));
        assertFalse(c.passed());
        assertTrue(c.summary().contains("**FAILED**"), c.summary());
        Report report = Report.of(Synthetic.write(rows, dir.resolve("jmh-result.json")));
        String md = report.write();
        assertTrue(md.lines().limit(3).anyMatch(l -> l.startsWith("**This run's verdict is not to be trusted: its"
                + " control failed.**")), md);
        assertTrue(md.contains("(not to be trusted: the control failed)"), md);
        assertFalse(report.verdictFile().trusted());
        // The control rows are never API rows.
        assertTrue(report.comparisons().stream().allMatch(x -> x.other() != Api.FILE_CHANNEL
                || x.interval().ratio() > 5), "fileChannel's own rows, not the control's");
        assertEquals(6 * 6, report.comparisons().size());
    }

    @Test
    void theFirstScreenSaysHowMuchOfTheComparisonWasDecided() throws Exception {
        Report report = Report.of(Synthetic.write(run(new Random(1), 1), dir.resolve("jmh-result.json")));
        String md = report.write();
        List<Comparison> all = report.comparisons();
        long decided = all.stream().filter(c -> c.verdict() != RatioClass.UNDECIDED).count();
        long decisive = all.stream().filter(Comparison::decisive).count();
        long decisiveDecided = all.stream().filter(c -> c.decisive() && c.verdict() != RatioClass.UNDECIDED).count();
        assertTrue(decisive > 0 && decided > 0, "a synthetic run with nothing decided proves nothing");
        assertTrue(md.contains(String.format(java.util.Locale.ROOT, "Decided: %d of %d decisive pairs, %d of %d pairs"
                + " in all (%.0f%%)", decisiveDecided, decisive, decided, all.size(), 100.0 * decided / all.size())), md);
    }

    @Test
    void theBinomialRuleAllowsChanceMissesAndNoMore() {
        // 20 controls at 95%: Binomial(20, 0.05) exceeds 3 with probability under 1%.
        Group g = Group.of(Synthetic.row(Question.RANDOM_READ, "fileChannel", 8, "WARM", List.of(List.of(1.0))))
                .orElseThrow();
        List<Control.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            boolean miss = i < 4;
            Interval iv = IntervalSimulationTest.interval(miss ? 1.01 : 0.97, miss ? 1.05 : 1.03);
            pairs.add(new Control.Pair(g, Api.FILE_CHANNEL, iv, RatioClass.of(iv)));
        }
        assertEquals(3, new Control(pairs, 4, 3, List.of(), Drift.NONE).allowedMisses());
        assertFalse(new Control(pairs, 4, 3, List.of(), Drift.NONE).passed());
        assertTrue(new Control(pairs, 3, 3, List.of(), Drift.NONE).passed());
    }

    @Test
    void iterationsThatTrendAreFlaggedSteadyOnesAreNot() {
        assertTrue(Steadiness.check(List.of(List.of(139.0, 45.0, 46.0, 44.0, 45.5), List.of(46.0, 45.0, 44.5, 45.0, 46.0)))
                .orElseThrow().startsWith("fork 1's first iteration is 3.08x"));
        assertTrue(Steadiness.check(List.of(List.of(82.0, 60.0, 40.0, 25.0, 11.0), List.of(80.0, 58.0, 41.0, 24.0, 12.0)))
                .orElseThrow().startsWith("iterations trend: 0.15x"));
        Random rnd = new Random(9);
        int flagged = 0;
        for (int i = 0; i < 500; i++) {
            flagged += Steadiness.check(Synthetic.forks(rnd, 1000, 3, 5, 0.05, 0.05)).isPresent() ? 1 : 0;
        }
        assertEquals(0, flagged, "steady rows with 5% noise flagged");
    }

    @Test
    void aGroupOnTheBorderIsNeitherForNorAgainst() throws Exception {
        // 8 B at 7.5x, on the 10x class's lower border; 4 KiB at 2x, against the claim.
        Random rnd = new Random(7);
        List<Row> rows = new ArrayList<>();
        for (String m : List.of("mappedBuffer", "memorySegment", "fileChannel", "randomAccessFile", "bufferedStream")) {
            boolean mapped = m.startsWith("m");
            rows.add(Synthetic.row(Question.RANDOM_READ, m, 8, "WARM", Synthetic.forks(rnd, mapped ? 100 : 750, 8, 3,
                    0.005, 0.005)));
            rows.add(Synthetic.row(Question.RANDOM_READ, m, 4096, "WARM", Synthetic.forks(rnd, mapped ? 100 : 200, 8, 3,
                    0.005, 0.005)));
        }
        List<Measured> m = Measured.of(rows);
        Verdict.QuestionVerdict v = Verdict.judge(m, Verdict.compare(m)).getFirst();
        assertEquals(1, v.border().size(), v.toString());
        assertEquals(1, v.contradicting().size(), v.toString());
        assertEquals(Verdict.Answer.DOES_NOT_HOLD, v.answer(), "a border is no support");
        String md = Report.of(Synthetic.write(rows, dir.resolve("jmh-result.json"))).write();
        assertTrue(md.contains("random reads, throughput: **does not hold**: a mapping is "), md);
        assertTrue(md.contains("(1 on its border, 8 B WARM at 7."), md);
        // The range against the claim is that of the groups against it: the border's 7.5x is not in it.
        String line = md.lines().filter(l -> l.startsWith("- **Random access")).findFirst().orElseThrow();
        assertTrue(line.contains("**does not hold**: a mapping is 2."), line);
        assertFalse(line.contains("to 7."), line);
        // Only groups on the border: the answer is the border.
        List<Row> border = rows.stream().filter(r -> r.params().get("blockSize").equals("8")).toList();
        List<Measured> b = Measured.of(border);
        assertEquals(Verdict.Answer.ON_THE_BORDER, Verdict.judge(b, Verdict.compare(b)).getFirst().answer());
    }

    @Test
    void variantsAreTalliedOnTheirOwnNeverWithThePlainRows() {
        Random rnd = new Random(4);
        List<Row> rows = new ArrayList<>();
        for (String m : List.of("mappedBuffer", "memorySegment", "fileChannel", "randomAccessFile", "bufferedStream")) {
            double nanos = m.startsWith("m") ? 100 : 1000;
            rows.add(Synthetic.row(Question.RANDOM_READ, m, 8, "WARM", Map.of("advice", "NORMAL"), 1,
                    Synthetic.forks(rnd, nanos, 4, 3, 0.02, 0.02)));
            // Only a mapping takes advice: RANDOM rows for the mapped APIs, 1.1x slower than the others.
            if (m.startsWith("m")) {
                rows.add(Synthetic.row(Question.RANDOM_READ, m, 8, "WARM", Map.of("advice", "RANDOM"), 1,
                        Synthetic.forks(rnd, 1100, 4, 3, 0.02, 0.02)));
            }
            // Two threads: a second set of rows for every API.
            rows.add(Synthetic.row(Question.RANDOM_READ, m, 8, "WARM", Map.of("advice", "NORMAL"), 2,
                    Synthetic.forks(rnd, nanos, 4, 3, 0.02, 0.02)));
        }
        List<Measured> m = Measured.of(rows);
        List<Comparison> c = Verdict.compare(m);
        assertEquals(3 * 6, c.size(), "plain, madvise RANDOM against the plain others, 2 threads");
        List<Verdict.QuestionVerdict> v = Verdict.judge(m, c);
        Verdict.QuestionVerdict plain = v.getFirst();
        assertEquals(Verdict.Answer.HOLDS, plain.answer());
        assertEquals(1, plain.supporting().size(), "one decisive pair, the plain group's");
        List<String> variants = v.stream().filter(x -> !x.variant().plain()).map(x -> x.variant().label()).toList();
        assertEquals(List.of("madvise RANDOM", "2 threads"), variants);
        Verdict.QuestionVerdict advice = v.stream().filter(x -> x.variant().label().equals("madvise RANDOM"))
                .findFirst().orElseThrow();
        assertEquals(Verdict.Answer.DOES_NOT_HOLD, advice.answer());
        assertTrue(c.stream().filter(x -> x.group().variant().label().equals("madvise RANDOM"))
                .allMatch(x -> x.verdict() == RatioClass.SAME), "compared with the plain non-mapped rows");
    }

    @Test
    void anUnknownParameterMakesAVariantNotAPlainRow() {
        Row r = Synthetic.row(Question.RANDOM_READ, "fileChannel", 8, "WARM", Map.of("prefetch", "ON"), 1,
                List.of(List.of(1.0, 2.0)));
        assertEquals("prefetch=ON", Group.of(r).orElseThrow().variant().label());
        Row plain = Synthetic.row(Question.RANDOM_READ, "fileChannel", 8, "WARM",
                Map.of("advice", "RANDOM", "access", "INDEPENDENT"), 1, List.of(List.of(1.0, 2.0)));
        assertTrue(Group.of(plain).orElseThrow().variant().plain(), "advice does not apply to fileChannel");
    }

    @Test
    void rowsWithoutAScoreAreCountedAndExplained() throws Exception {
        List<Row> rows = new ArrayList<>(run(new Random(2), 1));
        rows.add(Synthetic.row(Question.RANDOM_READ, "mappedBuffer", 1 << 20, "WARM", List.of()));
        rows.add(Synthetic.row(Question.RANDOM_READ, "fileChannel", 1 << 20, "WARM", List.of()));
        Path file = Synthetic.write(rows, dir.resolve("jmh-result.json"));
        assertTrue(Files.readString(file).contains("\"NaN\""), "as JMH writes it");
        Report report = Report.of(file);
        assertEquals(2, report.skipped().size());
        String md = report.write();
        assertTrue(md.contains("**2 of 38 rows skipped**: 2 with no score (NaN): the benchmark failed or was"
                + " interrupted in every fork; its error is in JMH's console output"), md);
    }
}
