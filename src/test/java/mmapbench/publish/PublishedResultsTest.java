package mmapbench.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    /** What a run's environment.json names its commit by; "HEAD" or a branch would pass any check. */
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{7,40}");
    /** What one published run holds; the report and the verdict are the ones checked beyond being there. */
    private static final List<String> RUN_FILES = List.of("jmh-result.json.gz", "environment.json", "report.md",
            "verdict.json", "chart.png", "status.json");
    private static final String GIT = "git";

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
        return section(readme, "## Results");
    }

    /** From the level-2 {@code heading} to the next heading of its level. */
    static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "no '" + heading + "' section");
        int end = markdown.indexOf("\n## ", start + 1);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
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

    /**
     * The same check on the real section and the real run: the section's first speed-up, mistyped by
     * a tenth (12.2x as 12.3x), is the one figure reported. Against the run's 450 kB of report a
     * check can pass by finding any figure somewhere; this one finds the changed one nowhere.
     */
    @Test
    void aMistypedFigureOfTheSectionIsCaught() throws IOException {
        String published = published();
        Matcher m = Pattern.compile("(?<![\\w.,])(\\d+)\\.(\\d)x(?!\\w)").matcher(section);
        assertTrue(m.find(), "the Results section cites no speed-up such as 12.2x");
        int tenth = m.group(2).charAt(0) - '0';
        for (int nudge = 1; nudge < 10; nudge++) {
            String typo = m.group(1) + "." + (tenth + nudge) % 10 + "x";
            if (unsupported(typo, published).isEmpty()) {
                continue;  // the run prints this figure elsewhere: not a typo the check could see
            }
            String mistyped = section.substring(0, m.start()) + typo + section.substring(m.end());
            assertEquals(List.of(typo), unsupported(mistyped, published), m.group() + " mistyped as " + typo);
            return;
        }
        throw new AssertionFailedError(run + " prints every tenth of " + m.group() + ": pick another figure");
    }

    @Test
    void theRunIsCompleteTrustedAndOfACleanTree() throws IOException {
        assertCompleteTrustedAndClean(run);
    }

    /** The published run folder's checks, on any folder: each fails with its own message. */
    static void assertCompleteTrustedAndClean(Path run) throws IOException {
        for (String file : RUN_FILES) {
            assertTrue(Files.isRegularFile(run.resolve(file)), run + " lacks " + file);
        }
        ObjectMapper json = new ObjectMapper();
        assertEquals("complete", json.readTree(run.resolve("status.json").toFile()).path("ended").asText(),
                run + " did not run to its end");
        JsonNode verdict = json.readTree(run.resolve("verdict.json").toFile());
        assertTrue(verdict.path("control").path("present").asBoolean(), run + " has no control rows");
        assertTrue(verdict.path("trusted").asBoolean(), run + ": its control failed");
        JsonNode env = json.readTree(run.resolve("environment.json").toFile());
        assertEquals("full", env.path("profile").asText(), run + " is not a full run");
        assertTrue(env.path("treeClean").asBoolean(), run + " was made from a tree with uncommitted changes");
        String commit = env.path("commit").asText(null);
        assertNotNull(commit, run + " does not say which commit made it");
        assertTrue(COMMIT_ID.matcher(commit).matches(), run + " names its commit \"" + commit + "\", not by its id");
    }

    /** A flaw put into a run folder that passes every check. */
    interface Flaw {
        void putInto(Path run) throws IOException;
    }

    static Stream<Arguments> flaws() {
        String notTrue = " ==> expected: <true> but was: <false>";
        return Stream.of(
                flaw("no chart", r -> Files.delete(r.resolve("chart.png")), " lacks chart.png" + notTrue),
                flaw("a partial run", r -> set(r, "status.json", "ended", "partial"),
                        " did not run to its end ==> expected: <complete> but was: <partial>"),
                flaw("no control rows", r -> set(r, "verdict.json", "control", null), " has no control rows" + notTrue),
                flaw("a failed control", r -> set(r, "verdict.json", "trusted", false),
                        ": its control failed" + notTrue),
                flaw("the quick profile", r -> set(r, "environment.json", "profile", "quick"),
                        " is not a full run ==> expected: <full> but was: <quick>"),
                flaw("a dirty tree", r -> set(r, "environment.json", "treeClean", false),
                        " was made from a tree with uncommitted changes" + notTrue),
                flaw("no commit", r -> set(r, "environment.json", "commit", null),
                        " does not say which commit made it ==> expected: not <null>"),
                flaw("HEAD for a commit", r -> set(r, "environment.json", "commit", "HEAD"),
                        " names its commit \"HEAD\", not by its id" + notTrue));
    }

    private static Arguments flaw(String name, Flaw flaw, String message) {
        return Arguments.of(Named.of(name, flaw), message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flaws")
    void aFlawedRunFolderFailsWithItsMessage(Flaw flaw, String message, @TempDir Path dir) throws IOException {
        Path folder = dir.resolve("20261127-140950-full");
        Files.createDirectories(folder);
        for (String file : RUN_FILES) {
            Files.writeString(folder.resolve(file), "");
        }
        Files.writeString(folder.resolve("status.json"), "{\"ended\": \"complete\"}");
        Files.writeString(folder.resolve("verdict.json"), "{\"control\": {\"present\": true}, \"trusted\": true}");
        Files.writeString(folder.resolve("environment.json"),
                "{\"profile\": \"full\", \"treeClean\": true, \"commit\": \"a9ab3b8\"}");
        assertCompleteTrustedAndClean(folder);
        flaw.putInto(folder);
        assertEquals(folder + message, assertThrows(AssertionFailedError.class,
                () -> assertCompleteTrustedAndClean(folder)).getMessage());
    }

    /** Sets a top-level {@code field} of a JSON file; null removes it. */
    private static void set(Path run, String file, String field, Object value) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode node = (ObjectNode) json.readTree(run.resolve(file).toFile());
        if (value == null) {
            node.remove(field);
        } else {
            node.set(field, json.valueToTree(value));
        }
        json.writeValue(run.resolve(file).toFile(), node);
    }

    @Test
    void theRunsCommitIsInHeadsHistory() throws Exception {
        String commit = new ObjectMapper().readTree(run.resolve("environment.json").toFile()).path("commit").asText();
        String problem = commitProblem(GIT, Path.of(""), commit);
        assertNull(problem, run + ": " + problem);
    }

    /**
     * Why {@code commit} is not a commit in the history of HEAD in {@code dir}, or null when it is.
     * Where git cannot answer (not installed; no repository, as in a source tarball) the test is
     * aborted with the reason, which the build log names: the check did not run, and says so.
     */
    static String commitProblem(String git, Path dir, String commit) throws IOException, InterruptedException {
        if (!COMMIT_ID.matcher(commit).matches()) {
            return "\"" + commit + "\" is not a commit id";
        }
        String unchecked = "so it is not checked that " + commit + " is a commit in HEAD's history";
        Exit inside;
        try {
            inside = git(git, dir, "rev-parse", "--is-inside-work-tree");
        } catch (IOException e) {
            String why = (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()).strip();
            throw new TestAbortedException("cannot run " + git + " (" + why + "), " + unchecked + ": install git");
        }
        if (inside.code() != 0 || !inside.output().equals("true")) {
            throw new TestAbortedException(dir.toAbsolutePath() + " is not in a git work tree (" + inside.output()
                    + "), " + unchecked);
        }
        if (git(git, dir, "cat-file", "-e", commit + "^{commit}").code() != 0) {
            boolean shallow = git(git, dir, "rev-parse", "--is-shallow-repository").output().equals("true");
            return commit + " is not a commit in this repository"
                    + (shallow ? " (the clone is shallow: git fetch --unshallow)" : "");
        }
        Exit ancestor = git(git, dir, "merge-base", "--is-ancestor", commit, "HEAD");
        return switch (ancestor.code()) {
            case 0 -> null;
            case 1 -> commit + " is a commit, but not in HEAD's history";
            default -> "git merge-base --is-ancestor " + commit + " HEAD failed: " + ancestor.output();
        };
    }

    private record Exit(int code, String output) {
    }

    private static Exit git(String git, Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(git));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toAbsolutePath().toFile())
                .redirectErrorStream(true);
        // A git hook's GIT_DIR or GIT_INDEX_FILE would point every command at the hook's repository.
        b.environment().keySet().removeIf(name -> name.startsWith("GIT_"));
        Process p = b.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        return new Exit(p.waitFor(), output);
    }

    @Test
    void theCommitCheckFailsOnAnythingButACommitInHeadsHistory(@TempDir Path repo) throws Exception {
        needGit(repo);
        git(repo, "init", "-q", "-b", "main");
        String first = commit(repo, "first");
        String tree = git(GIT, repo, "rev-parse", "HEAD^{tree}").output();
        git(repo, "checkout", "-q", "-b", "side");
        String side = commit(repo, "side");
        git(repo, "checkout", "-q", "main");
        commit(repo, "second");
        assertNull(commitProblem(GIT, repo, first));
        assertNull(commitProblem(GIT, repo, first.substring(0, 7)));
        assertEquals(side + " is a commit, but not in HEAD's history", commitProblem(GIT, repo, side));
        assertEquals(tree + " is not a commit in this repository", commitProblem(GIT, repo, tree));
        assertEquals("0000000 is not a commit in this repository", commitProblem(GIT, repo, "0000000"));
        assertEquals("\"HEAD\" is not a commit id", commitProblem(GIT, repo, "HEAD"));
    }

    @Test
    void withoutGitTheCommitCheckAbortsAndSaysWhy(@TempDir Path dir) throws Exception {
        String noGit = assertThrows(TestAbortedException.class,
                () -> commitProblem(dir.resolve("git").toString(), dir, "a9ab3b8")).getMessage();
        // Between the parentheses, the JDK's own words for "no such file".
        assertTrue(noGit.matches(Pattern.quote("cannot run " + dir.resolve("git") + " (") + ".*No such file.*"
                + Pattern.quote("), so it is not checked that a9ab3b8 is a commit in HEAD's history: install git")),
                noGit);
    }

    @Test
    void outsideAWorkTreeTheCommitCheckAbortsAndSaysWhy(@TempDir Path dir) throws Exception {
        needGit(dir);
        // A tarball unpacked inside some other work tree must not be checked against that one's history.
        Files.writeString(dir.resolve(".git"), "gitdir: " + dir.resolve("nowhere") + "\n");
        assertEquals(dir + " is not in a git work tree (fatal: not a git repository: " + dir.resolve("nowhere")
                + "), so it is not checked that a9ab3b8 is a commit in HEAD's history",
                assertThrows(TestAbortedException.class, () -> commitProblem(GIT, dir, "a9ab3b8")).getMessage());
    }

    /** The commit check's own tests need a git to run; without one they cannot, and say so. */
    private static void needGit(Path dir) throws InterruptedException {
        try {
            git(GIT, dir, "--version");
        } catch (IOException e) {
            throw new TestAbortedException("cannot run " + GIT + ": the commit check cannot be tried out without it");
        }
    }

    private static void git(Path repo, String... args) throws Exception {
        Exit e = git(GIT, repo, args);
        assertEquals(0, e.code(), "git " + String.join(" ", args) + ": " + e.output());
    }

    private static String commit(Path repo, String message) throws Exception {
        git(repo, "-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false",
                "commit", "-q", "--no-verify", "--allow-empty", "-m", message);
        return git(GIT, repo, "rev-parse", "HEAD").output();
    }

    /**
     * The Results section leads with the run's own verdict, question by question, in the report's
     * words: the answers of the report's "The answer", in its order, are the lead's.
     */
    @Test
    void theSectionLeadsWithTheRunsVerdict() throws IOException {
        List<String> answers = reportAnswers(Files.readString(run.resolve("report.md")));
        assertFalse(answers.isEmpty(), "the report states no answer");
        assertEquals(answers, leadAnswers(section), "the README's lead, before the chart, does not give "
                + run + "'s answers question by question");
    }

    /** "the claim holds only in part", ... of the report's first section, one per question. */
    static List<String> reportAnswers(String report) {
        Matcher m = Pattern.compile("\\*\\*the claim ([^*]+)\\*\\*").matcher(section(report, "## The answer"));
        List<String> answers = new ArrayList<>();
        while (m.find()) {
            answers.add(m.group(1));
        }
        return answers;
    }

    /** The same of the README's lead: each question's bold sentence ends "the claim ...". */
    static List<String> leadAnswers(String section) {
        int chart = section.indexOf("chart.png");
        String lead = (chart < 0 ? section : section.substring(0, chart)).replaceAll("\\s+", " ");
        Matcher m = Pattern.compile("the claim ([^*.]+)\\.\\*\\*").matcher(lead);
        List<String> answers = new ArrayList<>();
        while (m.find()) {
            answers.add(m.group(1));
        }
        return answers;
    }

    /** A lead that gives one question another's answer fails, though every answer is still in it. */
    @Test
    void theLeadCheckFailsOnAnAnswerGivenToTheWrongQuestion() throws IOException {
        List<String> answers = reportAnswers(Files.readString(run.resolve("report.md")));
        String first = "the claim " + answers.getFirst() + ".**";
        String other = answers.stream().filter(a -> !a.equals(answers.getFirst())).findFirst()
                .orElseThrow(() -> new AssertionFailedError("the report gives every question the same answer"));
        String swapped = section.replaceFirst(Pattern.quote(first), "the claim " + other + ".**");
        assertNotEquals(section, swapped, "the lead does not say \"" + first + "\"");
        assertNotEquals(answers, leadAnswers(swapped), "a lead that answers \"" + other + "\" first passed");
    }
}
