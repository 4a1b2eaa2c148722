package mmapbench.report;

import mmapbench.index.RunIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static mmapbench.report.JmhResultsTest.golden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subcommands' command lines: what each prints, where it writes, and the one line a mistake gets. */
class ReportMainTest {

    @TempDir
    Path dir;

    @Test
    void indexWritesItsMarkdownAndChartWhereItIsTold() throws Exception {
        Files.createDirectories(dir.resolve("runs/one"));
        Files.copy(golden("full-random-read.json"), dir.resolve("runs/one/jmh-result.json"));
        Path out = dir.resolve("index");
        String printed = stdout(() -> assertEquals(0, ReportMain.run("index", "--out", out.toString(),
                dir.resolve("runs").toString())));
        assertEquals(Files.readString(out.resolve(RunIndex.MARKDOWN)) + "mmap-bench: index and chart written to "
                + out.resolve(RunIndex.MARKDOWN) + ", " + RunIndex.CHART + "\n", printed);
        assertTrue(Files.size(out.resolve(RunIndex.CHART)) > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"index", "index --out elsewhere", "compare", "compare only-one.json", "report", "indexes results"})
    void aCommandLineItCannotUseGetsTheUsageLine(String args) throws Exception {
        String printed = stderr(() -> assertEquals(2, ReportMain.run(args.split(" "))));
        assertEquals(ReportMain.USAGE + "\n", printed);
    }

    @Test
    void aFolderWithoutRunsIsOneLineAndStatus2() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        String printed = stderr(() -> assertEquals(2, ReportMain.run("index", "--out", dir.resolve("out").toString(),
                empty.toString())));
        assertEquals("mmap-bench: " + empty + " holds no run: no JMH result file (.json or .json.gz) in it or below it\n",
                printed);
        BadResultFile e = assertThrows(BadResultFile.class, () -> ReportMain.run("index", dir.resolve("typo").toString()));
        assertEquals(dir.resolve("typo") + ": no such folder: give the folders that hold runs, e.g. ./run-bench.sh index"
                + " results", e.getMessage());
    }

    @Test
    void compareTakesThreeRuns() throws Exception {
        List<String> args = new ArrayList<>(List.of("compare"));
        for (String g : List.of("a.json", "full-random-read.json", "a.json")) {
            args.add(golden(g).toString());
        }
        String printed = stdout(() -> assertEquals(0, ReportMain.run(args.toArray(String[]::new))));
        assertTrue(printed.contains("| question | block, cache | mapped / other | A | B | C | what changed |"), printed);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static String stdout(Call call) throws Exception {
        PrintStream was = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            call.run();
        } finally {
            System.setOut(was);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String stderr(Call call) throws Exception {
        PrintStream was = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            call.run();
        } finally {
            System.setErr(was);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
