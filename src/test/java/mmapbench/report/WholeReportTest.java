package mmapbench.report;

import mmapbench.file.Question;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static mmapbench.report.JmhResultsTest.golden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whole report.md and verdict.json of fixed inputs, against the ones in {@code golden/report/}:
 * the other report tests check sentences, this one every byte, so that a change of the report's
 * code that is meant to change nothing (a refactoring) is proved to change nothing. When a change
 * is meant, the test names the file it wrote; copy it over the golden one and review the diff.
 * <p>
 * {@code full-4k.json.gz} is some of the 4 KiB rows of the published run
 * {@code results/20261127-140950-full} (advice NORMAL, LARGE folios; RandomRead INDEPENDENT, and
 * DEPENDENT HOT; SequentialRead COLD), with that run's fio results for them, its environment and
 * its status: every section but the warnings. {@code ipc-cpus} has the native floors of
 * {@code native-ipc.json} beside it. {@code distrust} is synthetic: a failing
 * control, rows without a score, a partial run, an unreadable fio.json and no environment.
 */
class WholeReportTest {

    @TempDir
    Path dir;

    @Test
    void aPublishedRunsRowsGiveTheGoldenReport() throws Exception {
        Files.copy(golden("full-4k-fio.json"), dir.resolve("fio.json"));
        Files.copy(golden("full-4k-environment.json"), dir.resolve(mmapbench.environment.EnvironmentFile.FILE));
        Files.copy(golden("full-4k-status.json"), dir.resolve(RunStatus.FILE));
        assertGolden("full-4k", Files.copy(golden("full-4k.json.gz"), dir.resolve("jmh-result.json.gz")));
    }

    @Test
    void theRandomReadGoldenGivesTheGoldenReport() throws Exception {
        Files.copy(golden("environment.json"), dir.resolve(mmapbench.environment.EnvironmentFile.FILE));
        assertGolden("full-random-read", Files.copy(golden("full-random-read.json"), dir.resolve("jmh-result.json")));
    }

    @Test
    void ipcRowsAloneGiveTheGoldenReport() throws Exception {
        Files.copy(golden(mmapbench.ipc.NativeFloor.FILE), dir.resolve(mmapbench.ipc.NativeFloor.FILE));
        assertGolden("ipc-cpus", Files.copy(golden("ipc-cpus.json"), dir.resolve("ipc-cpus.json")));
    }

    @Test
    void aRunNotToBeTrustedGivesTheGoldenReport() throws Exception {
        List<Row> rows = new ArrayList<>(RunChecksTest.run(new Random(1), 1.4));
        rows.add(Synthetic.row(Question.RANDOM_READ, "mappedBuffer", 1 << 20, "WARM", List.of()));
        rows.add(Synthetic.row(Question.RANDOM_READ, "fileChannel", 1 << 20, "WARM", List.of()));
        new RunStatus(6, 4, "interrupted (SIGINT or SIGTERM) during leg 5 of 6: random, COLD").writeBeside(
                dir.resolve("jmh-result.json"));
        Files.writeString(dir.resolve("fio.json"), "not json");
        assertGolden("distrust", Synthetic.write(rows, dir.resolve("jmh-result.json")));
    }

    private void assertGolden(String name, Path resultFile) throws Exception {
        String md = Report.of(resultFile).write();
        assertEquals(md, Files.readString(dir.resolve(Report.MARKDOWN)), "the report printed is the one written");
        List<String> wrong = new ArrayList<>();
        String mdWrong = firstDifference(Files.readString(golden("report/" + name + ".md")), md);
        if (mdWrong != null) {
            wrong.add(written(name + ".md", md) + " differs from golden/report/" + name + ".md " + mdWrong);
        }
        String verdict = Files.readString(dir.resolve(Report.VERDICT));
        String verdictWrong = firstDifference(Files.readString(golden("report/" + name + ".verdict.json")), verdict);
        if (verdictWrong != null) {
            wrong.add(written(name + ".verdict.json", verdict) + " differs from golden/report/" + name + ".verdict.json "
                    + verdictWrong);
        }
        if (!wrong.isEmpty()) {
            fail(String.join("\n", wrong));
        }
    }

    /** Where {@code got} first differs from {@code want}, in words; null when they are the same. */
    private static String firstDifference(String want, String got) {
        if (want.equals(got)) {
            return null;
        }
        List<String> w = want.lines().toList();
        List<String> g = got.lines().toList();
        int line = 0;
        while (line < Math.min(w.size(), g.size()) && w.get(line).equals(g.get(line))) {
            line++;
        }
        return "at line " + (line + 1) + ":\n  want: " + (line < w.size() ? w.get(line) : "(end)") + "\n  got:  "
                + (line < g.size() ? g.get(line) : "(end)");
    }

    /** Keeps what the code wrote where a person can diff it and, if the change is meant, copy it over. */
    private static String written(String name, String content) throws Exception {
        Path out = Path.of("target", "golden-report", name);
        Files.createDirectories(out.getParent());
        Files.writeString(out, content);
        return out.toAbsolutePath().toString();
    }
}
