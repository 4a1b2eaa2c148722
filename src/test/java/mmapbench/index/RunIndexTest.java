package mmapbench.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import mmapbench.environment.EnvironmentFile;
import mmapbench.file.Question;
import mmapbench.report.BadResultFile;
import mmapbench.report.Numbers;
import mmapbench.report.RatioClass;
import mmapbench.report.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The index of the published runs and of two runs from other machines (the golden rows of the
 * published run, with environment files that say another machine measured them); and of files
 * that are no runs.
 */
class RunIndexTest {

    private static final Path RESULTS = Path.of("results");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void thePublishedRunsAndTwoFromOtherMachinesAreListedWithTheirFactsAndClasses() throws Exception {
        Path runs = dir.resolve("runs");
        for (String run : List.of("20261126-134827-full", "20261127-140950-full")) {
            for (String file : List.of("jmh-result.json.gz", EnvironmentFile.FILE, RunStatus.FILE)) {
                if (Files.exists(RESULTS.resolve(run).resolve(file))) {
                    Files.createDirectories(runs.resolve(run));
                    Files.copy(RESULTS.resolve(run).resolve(file), runs.resolve(run).resolve(file));
                }
            }
        }
        Map<String, Object> server = environment();
        server.put("cpu", "Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz");
        server.put("kernel", "6.12.48-server");
        server.put("hypervisor", "none");
        server.put("readAheadKb", "128");
        server.put("transparentHugepages", "always");
        server.put("filesystem", "xfs");
        server.put("jdk", "Oracle Corporation 25.0.1+8-27");
        server.put("mitigations", Map.of("meltdown", "Not affected", "retbleed", "Vulnerable",
                "spectre_v1", "Mitigation: usercopy/swapgs barriers and __user pointer sanitization",
                "spectre_v2", "Vulnerable: eIBRS with unprivileged eBPF", "mds", "Not affected"));
        goldenRun(runs.resolve("20261201-090000-full"), server);
        Map<String, Object> laptop = environment();
        laptop.put("kernel", "6.8.0-49-generic");
        laptop.remove("hypervisor");
        laptop.remove("readAheadKb");
        laptop.put("mitigations", Map.of("meltdown", "Mitigation: PTI", "spectre_v2", "Mitigation: Retpolines"));
        goldenRun(runs.resolve("20261202-090000-full"), laptop);

        // The golden rows' verdict, as the report code of the day makes it (WholeReportTest keeps it so).
        JsonNode verdict = JSON.readTree(GOLDEN.resolve("report/full-4k.verdict.json").toFile());
        String goldenControl = verdict.get("control").get("passed").asBoolean() ? "passed"
                : "**failed**: not to be trusted";

        RunIndex index = RunIndex.of(List.of(runs));
        String md = index.write(dir.resolve("index"));
        assertEquals(List.of(), index.notIndexed());
        assertEquals(List.of("20261126-134827-full", "20261127-140950-full", "20261201-090000-full",
                "20261202-090000-full"), index.runs().stream().map(IndexedRun::name).toList());

        assertEquals(List.of(
                "| R1 [20261126-134827-full](../runs/20261126-134827-full) | none | full | AMD EPYC | 6.18.44-fc-v509"
                        + " | unknown | unknown | 8192 | madvise | ext4 | Eclipse Adoptium 25.0.3+9-LTS |",
                "| R2 [20261127-140950-full](../runs/20261127-140950-full) | passed | full | AMD EPYC | 6.18.44-fc-v657"
                        + " | KVM (full virtualization) | unknown | 8192 | madvise | ext4 | Eclipse Adoptium 25.0.3+9-LTS |",
                "| R3 [20261201-090000-full](../runs/20261201-090000-full) | " + goldenControl + " | full | Intel(R) Xeon(R) Gold 6338"
                        + " CPU @ 2.00GHz | 6.12.48-server | none | 1 mitigated, 2 vulnerable (retbleed, spectre_v2), 2"
                        + " not affected | 128 | always | xfs | Oracle Corporation 25.0.1+8-27 |",
                "| R4 [20261202-090000-full](../runs/20261202-090000-full) | " + goldenControl + " | full | AMD EPYC"
                        + " | 6.8.0-49-generic"
                        + " | unknown | 2 mitigated, 0 vulnerable, 0 not affected | unknown | madvise | ext4 | Eclipse"
                        + " Adoptium 25.0.3+9-LTS |"), runRows(md, 12), "the machine facts of each run");

        // The published runs' answers: the superseded one had no latency rows and no short-lived reads.
        List<String> answers = runRows(md, 12 + Question.values().length).stream()
                .map(r -> r.substring(nthBar(r, 12))).toList();
        assertTrue(answers.get(0).matches("\\| holds only in part \\(.*\\) \\| not measured \\| does not hold \\(.*\\)"
                + " \\| does not hold \\(.*\\) \\| does not hold \\(.*\\) \\| not measured \\|"), answers.get(0));
        assertTrue(answers.get(1).matches("\\| holds only in part \\(.*\\) \\| does not hold \\(.*\\) \\| does not hold"
                + " \\(.*\\) \\| does not hold \\(.*\\) \\| holds only in part \\(.*\\) \\| does not hold \\(.*\\) \\|"),
                answers.get(1));
        assertEquals(answers.get(2), answers.get(3), "the same rows on other machines give the same answers");

        // The speed-ups the main README cites from the published run (its intervals are the code's of the day).
        assertTrue(cell(md, Question.RANDOM_READ, "8 B, HOT", 2).matches("12\\.2x \\[[\\d.]+–[\\d.]+] ≈10x ✓"),
                cell(md, Question.RANDOM_READ, "8 B, HOT", 2));
        assertTrue(cell(md, Question.RANDOM_READ, "8 B, WARM", 2).matches("9\\.51x \\[[\\d.]+–[\\d.]+] ≈10x ✓"),
                cell(md, Question.RANDOM_READ, "8 B, WARM", 2));
        assertEquals("", cell(md, Question.RANDOM_READ, "8 B, WARM, 4 KiB folios", 1), "the older run had no folios");

        // Every decisive pair of the two other machines' runs, as the golden verdict of those rows has it.
        int checked = 0;
        for (JsonNode question : verdict.get("questions")) {
            Question q = Question.valueOf(question.get("question").asText());
            for (Map.Entry<String, String> list : Map.of("supporting", "✓", "contradicting", "✗", "border", "~",
                    "undecided", "?").entrySet()) {
                for (JsonNode c : question.get(list.getKey())) {
                    JsonNode i = c.get("interval");
                    String want = Numbers.fmt(i.get("ratio").asDouble()) + "x [" + Numbers.fmt(i.get("low").asDouble())
                            + "–" + Numbers.fmt(i.get("high").asDouble()) + "] "
                            + IndexMarkdown.shortClass(RatioClass.valueOf(c.get("verdict").asText())) + " "
                            + list.getValue();
                    String group = c.get("group").get("label").asText();
                    assertEquals(want, cell(md, q, group, 3), q + " " + group + " in R3");
                    assertEquals(want, cell(md, q, group, 4), q + " " + group + " in R4");
                    checked++;
                }
            }
        }
        assertTrue(checked >= 4, "the golden verdict has decisive pairs: " + checked);

        BufferedImage png = ImageIO.read(dir.resolve("index").resolve(RunIndex.CHART).toFile());
        assertEquals(Question.values().length * 560, png.getHeight(), "a panel per question");
        assertTrue(md.endsWith("Chart: [`index.png`](index.png)\n"), md.substring(md.length() - 200));
        assertEquals(md, Files.readString(dir.resolve("index").resolve(RunIndex.MARKDOWN)));
    }

    @Test
    void unreadableEmptyAndForeignFilesAreNamedAndSkipped() throws Exception {
        Path runs = dir.resolve("runs");
        Path good = copy("full-random-read.json", runs.resolve("good/jmh-result.json"));
        copy("environment.json", runs.resolve("good/" + EnvironmentFile.FILE));
        Files.writeString(runs.resolve("good/" + RunStatus.FILE), "not even JSON: a file beside a run is no run");
        Path empty = write(runs.resolve("empty/jmh-result.json"), "");
        Path truncated = write(runs.resolve("truncated/jmh-result.json"),
                Files.readString(GOLDEN.resolve("full-random-read.json")).substring(0, 300));
        Path notGzip = write(runs.resolve("not-gzip/jmh-result.json.gz"), "[]");
        Path foreign = write(runs.resolve("foreign/package.json"), "{\"name\": \"mmap-bench-site\"}");
        Path otherSuite = write(runs.resolve("other-suite/jmh-result.json"), "[{\"benchmark\": \"org.example.Foo.bar\","
                + " \"mode\": \"avgt\", \"primaryMetric\": {\"score\": 1.5, \"scoreUnit\": \"ns/op\"}}]");
        Path verdictOnly = write(runs.resolve("verdict-only/verdict.json"), "{}");
        Path both = copy("a.json", runs.resolve("both/jmh-result.json"));
        gzip(both, runs.resolve("both/jmh-result.json.gz"));
        write(runs.resolve(".hidden/jmh-result.json"), "hidden folders are not searched");
        Path nothing = Files.createDirectories(dir.resolve("nothing"));

        RunIndex index = RunIndex.of(List.of(runs, nothing));
        assertEquals(List.of("both", "good"), index.runs().stream().map(IndexedRun::name).toList());
        List<String> want = List.of(
                both + ".gz is the gzip of jmh-result.json beside it: that run is indexed once, from the plain file",
                empty + " is empty: a JMH result file is a JSON array",
                foreign + " is JSON but not JMH output: expected an array of results with \"benchmark\" and"
                        + " \"primaryMetric\" (java -jar benchmarks.jar -rf json writes one)",
                notGzip + ": cannot be read (Not in GZIP format)",
                otherSuite + " holds no result of mmap-bench's benchmarks (mmapbench.*): run ./run-bench.sh to make one",
                truncated + " is truncated (the JSON ends early: was the run interrupted?)",
                verdictOnly + " is a verdict without the JMH result file it was made from: copy the run's"
                        + " jmh-result.json or jmh-result.json.gz beside it to index it",
                nothing + " holds no run: no JMH result file (.json or .json.gz) in it or below it");
        assertEquals(want.stream().sorted().toList(), index.notIndexed().stream().sorted().toList());
        String md = index.write(dir.resolve("index"));
        for (String line : want) {
            assertTrue(md.contains("\n- " + line + "\n"), "the index names " + line);
        }
        assertTrue(md.contains("| R2 [good](../runs/good) |"), md);
        assertTrue(good.toFile().isFile());
    }

    @Test
    void aFolderWithoutRunsIsOneLineAndAMistypedOneAnother() throws Exception {
        Path nothing = Files.createDirectories(dir.resolve("nothing"));
        write(nothing.resolve("notes.txt"), "no JSON here");
        RunIndex index = RunIndex.of(List.of(nothing));
        assertTrue(index.isEmpty());
        assertEquals(List.of(nothing + " holds no run: no JMH result file (.json or .json.gz) in it or below it"),
                index.notIndexed());
        Path missing = dir.resolve("no-such-folder");
        BadResultFile e = assertThrows(BadResultFile.class, () -> RunIndex.of(List.of(missing)));
        assertEquals(missing + ": no such folder: give the folders that hold runs, e.g. ./run-bench.sh index results",
                e.getMessage());
    }

    @Test
    void mitigationsAreCountedAndTheVulnerableNamed() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spectre_v2", "Mitigation: Retpolines; STIBP: disabled");
        m.put("retbleed", "Vulnerable");
        m.put("spec_store_bypass", "Vulnerable");
        m.put("l1tf", "Not affected");
        m.put("tsa", "Unknown: the CPU does not say");
        assertEquals("1 mitigated, 2 vulnerable (retbleed, spec_store_bypass), 1 not affected, 1 unclear (tsa)",
                Fact.MITIGATIONS.of(Map.of("mitigations", m)));
        assertEquals(Fact.UNKNOWN, Fact.MITIGATIONS.of(Map.of()));
        assertEquals(Fact.UNKNOWN, Fact.MITIGATIONS.of(Map.of("mitigations", Map.of())));
        assertEquals(Fact.UNKNOWN, Fact.KERNEL.of(Map.of("kernel", " ")));
    }

    /** The golden rows of the published run, in a run folder of their own with {@code environment}. */
    private static void goldenRun(Path folder, Map<String, Object> environment) throws IOException {
        Files.createDirectories(folder);
        Files.copy(GOLDEN.resolve("full-4k.json.gz"), folder.resolve("jmh-result.json.gz"));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(
                folder.resolve(EnvironmentFile.FILE).toFile(), environment);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment() throws IOException {
        return JSON.readValue(GOLDEN.resolve("full-4k-environment.json").toFile(), LinkedHashMap.class);
    }

    /** The rows of the runs table, each cut after its {@code bars}-th "|". */
    private static List<String> runRows(String md, int bars) {
        List<String> out = new ArrayList<>();
        for (String line : md.substring(md.indexOf("## Runs"), md.indexOf("\n## ", md.indexOf("## Runs"))).split("\n")) {
            if (line.startsWith("| R")) {
                out.add(line.substring(0, nthBar(line, bars) + 1));
            }
        }
        return out;
    }

    /** The cell of run {@code run} (1-based) in the question's row for {@code group}. */
    private static String cell(String md, Question q, String group, int run) {
        int start = md.indexOf("## " + q.label() + ": ");
        int end = md.indexOf("\n## ", start + 1);
        for (String line : md.substring(start, end < 0 ? md.length() : end).split("\n")) {
            if (line.startsWith("| " + group + " |")) {
                return line.substring(nthBar(line, run + 1) + 1, nthBar(line, run + 2)).trim();
            }
        }
        throw new AssertionError("no row " + group + " under " + q.label());
    }

    private static int nthBar(String line, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = line.indexOf('|', at + 1);
        }
        return at;
    }

    private static Path copy(String golden, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        return Files.copy(GOLDEN.resolve(golden), to);
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static void gzip(Path from, Path to) throws IOException {
        try (var out = new GZIPOutputStream(Files.newOutputStream(to))) {
            Files.copy(from, out);
        }
    }
}
