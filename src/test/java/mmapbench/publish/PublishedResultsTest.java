package mmapbench.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's Results section and the published run cannot drift apart: every figure the section
 * cites is printed in one of the run's files, the verdict it leads with is the run's own, and the
 * run is a complete, trusted run of a commit in this repository's history, made from a clean tree.
 */
class PublishedResultsTest {

    private static final Path README = Path.of("README.md");
    private static final Pattern RUN_LINK = Pattern.compile("\\(results/(\\d{8}-\\d{6}-\\w+)/?\\)");
    /**
     * A number as prose writes it: 9, 9.3, 1,048,576; with the unit that makes it a speed-up or a
     * rate when one follows ("9.3x", "8.0 GB/s"). Digits glued to a letter (p99) are a name.
     */
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.,])(\\d+(?:,\\d{3}(?!\\d))*(?:\\.\\d+)?)(x(?![\\w])| GB/s)?");

    private static String section;
    private static Path run;

    @BeforeAll
    static void read() throws IOException {
        section = resultsSection(Files.readString(README));
        Matcher m = RUN_LINK.matcher(section);
        assertTrue(m.find(), "the Results section links no run folder results/<date>-<time>-<profile>/");
        run = Path.of("results", m.group(1));
    }

    /** From "## Results" to the next heading of the same level. */
    static String resultsSection(String readme) {
        int start = readme.indexOf("\n## Results\n");
        assertTrue(start >= 0, "README has no '## Results' section");
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /**
     * The figures of {@code text} that {@code published} never prints. Link targets and code spans
     * (names, paths, commands) are not figures; a number counts as found where it stands alone, so
     * 9 is not found in 9.3.
     */
    static List<String> unsupported(String text, String published) {
        String prose = text.replaceAll("\\]\\([^)]*\\)", "]")
                .replaceAll("`[^`]*`", "`code`");
        Set<String> missing = new LinkedHashSet<>();
        Matcher m = NUMBER.matcher(prose);
        while (m.find()) {
            String n = m.group(1).replace(",", "");
            // A speed-up or a rate must be printed as one, with its unit: 10x is not found in "10 forks".
            String unit = m.group(2) == null ? "" : m.group(2);
            Pattern alone = Pattern.compile("(?<![\\d.])" + Pattern.quote(n) + (unit.isEmpty() ? "(?!\\d|\\.\\d)"
                    : Pattern.quote(unit) + "(?!\\w)"));
            if (!alone.matcher(published.replace(",", "")).find()) {
                missing.add(n + unit);
            }
        }
        return new ArrayList<>(missing);
    }

    /**
     * What the run's report printed: report.md (which also tabulates environment.json) and the fio
     * cross-check. Not the raw JSON, whose thousands of digits would let any figure pass, and not a
     * compare file, which holds an older run's figures.
     */
    private static String published() throws IOException {
        StringBuilder all = new StringBuilder(Files.readString(run.resolve("report.md")));
        Path fio = run.resolve("fio.json");
        if (Files.isRegularFile(fio)) {
            all.append('\n').append(Files.readString(fio));
        }
        return all.toString();
    }

    @Test
    void everyFigureOfTheResultsSectionIsInThePublishedRun() throws IOException {
        List<String> missing = unsupported(section, published());
        assertTrue(missing.isEmpty(), "the README's Results section cites figures that " + run
                + " does not print: " + missing);
    }

    @Test
    void theCheckFailsOnAFigureNobodyMeasured() {
        String published = "a mapping is 10.4x faster (95%: 9.69–11.1x); 113x slower; 4096 B; 3 forks;"
                + " 1,048,576 B at **8.0 GB/s**";
        assertEquals(List.of(), unsupported("10.4x faster, 9.69–11.1x, 113x at 4096 B, **8.0 GB/s**, 1,048,576 B",
                published));
        assertEquals(List.of("10.5x", "9x", "3x", "4.0 GB/s"), unsupported("10.5x faster, 9x, 3x, 4.0 GB/s", published));
        // A thousands separator is one number: 1,048,576 is not 1, 048 and 576.
        assertEquals(List.of("1,048,577"), unsupported("1,048,577 B", published).stream()
                .map(n -> String.format(java.util.Locale.ROOT, "%,d", Long.parseLong(n))).toList());
        // Paths, links and code are not figures.
        assertEquals(List.of(), unsupported("see [the chart](results/20261127-141000-full/chart.png),"
                + " `data/read-4294967296.dat` and `MADV_POPULATE_READ`", published));
    }

    @Test
    void theRunIsCompleteTrustedAndOfACleanCommittedTree() throws IOException {
        for (String file : List.of("jmh-result.json.gz", "environment.json", "report.md", "verdict.json", "chart.png",
                "status.json")) {
            assertTrue(Files.isRegularFile(run.resolve(file)), run + " lacks " + file);
        }
        ObjectMapper json = new ObjectMapper();
        assertEquals("complete", json.readTree(run.resolve("status.json").toFile()).path("ended").asText(),
                run + " did not run to its end");
        JsonNode verdict = json.readTree(run.resolve("verdict.json").toFile());
        assertTrue(verdict.path("control").path("present").asBoolean(), run + " has no control rows");
        assertTrue(verdict.path("trusted").asBoolean(), run + ": its control failed");
        JsonNode env = json.readTree(run.resolve("environment.json").toFile());
        assertEquals("full", env.path("profile").asText());
        assertTrue(env.path("treeClean").asBoolean(), run + " was made from a tree with uncommitted changes");
        String commit = env.path("commit").asText(null);
        assertNotNull(commit, run + " does not say which commit made it");
        assertTrue(isCommit(commit), commit + " is not a commit in this repository's history");
    }

    /** The Results section leads with the run's own verdict, question by question, in the report's words. */
    @Test
    void theSectionLeadsWithTheRunsVerdict() throws IOException {
        String report = Files.readString(run.resolve("report.md"));
        Matcher m = Pattern.compile("\\*\\*the claim ([^*]+)\\*\\*").matcher(report);
        List<String> answers = new ArrayList<>();
        while (m.find()) {
            answers.add(m.group(1));
        }
        assertFalse(answers.isEmpty(), "the report states no answer");
        int chart = section.indexOf("chart.png");
        String lead = chart < 0 ? section : section.substring(0, chart);
        for (String answer : answers) {
            assertTrue(lead.contains(answer), "the README's lead does not say \"" + answer + "\" before the chart");
        }
    }

    private static boolean isCommit(String commit) {
        try {
            // In HEAD's history, not merely somewhere in the object store.
            Process p = new ProcessBuilder("git", "merge-base", "--is-ancestor", commit, "HEAD").redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            // No git (a source tarball): the commit cannot be checked, the rest can.
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
