package mmapbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import mmapbench.fio.Fio;
import mmapbench.file.Api;
import mmapbench.file.Question;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns one JMH result file of this suite into a verdict a person can read: a Markdown report, a
 * verdict JSON and a chart, written beside the result file.
 */
public final class Report {

    public static final String MARKDOWN = "report.md";
    public static final String VERDICT = "verdict.json";
    public static final String CHART = "chart.png";

    private final Path source;
    private final List<Row> rows;
    private final Map<String, Object> environment;
    /** How far the run got; null for a result file without a status (older runs, runs by hand). */
    private final RunStatus status;
    private final List<Skipped> skipped;
    private final List<Measured> measured;
    private final List<Comparison> comparisons;
    private final List<Verdict.QuestionVerdict> verdicts;
    private final Control control;
    private final List<Ipc.Latency> latencies;

    private Report(Path source, List<Row> rows) {
        this.source = source;
        this.rows = rows;
        this.environment = Environment.beside(source);
        this.status = RunStatus.beside(source);
        this.skipped = Skipped.of(rows);
        this.measured = Measured.of(rows);
        this.comparisons = Verdict.compare(measured);
        this.verdicts = Verdict.judge(measured, comparisons);
        this.control = Control.of(measured);
        this.latencies = Ipc.latencies(rows);
    }

    public static Report of(Path resultFile) throws BadResultFile {
        return new Report(resultFile, JmhResults.read(resultFile));
    }

    List<Comparison> comparisons() {
        return comparisons;
    }

    /** The plain verdict per question, in Question order. */
    List<Verdict.QuestionVerdict> verdicts() {
        return verdicts.stream().filter(v -> v.variant().plain()).toList();
    }

    List<Verdict.QuestionVerdict> variantVerdicts() {
        return verdicts.stream().filter(v -> !v.variant().plain()).toList();
    }

    Control control() {
        return control;
    }

    List<Skipped> skipped() {
        return skipped;
    }

    List<Unsteady> unsteady() {
        return Unsteady.of(measured);
    }

    Map<String, Object> environment() {
        return environment;
    }

    /** Writes the three files beside the result file; returns the Markdown. */
    public String write() throws IOException {
        Path dir = source.toAbsolutePath().getParent();
        String chartNote = null;
        if (comparisons.isEmpty()) {
            chartNote = "no chart: the results hold no pair of a mapped and a non-mapped API";
        } else {
            try {
                Chart.write(comparisons, dir.resolve(CHART));
            } catch (IOException | RuntimeException | Error e) {
                // A machine without fonts cannot draw text; the report stands without the chart.
                chartNote = "no chart: drawing failed (" + e + "); apt-get install fontconfig fonts-dejavu-core";
            }
        }
        String markdown = markdown(chartNote);
        Files.writeString(dir.resolve(MARKDOWN), markdown);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(VERDICT).toFile(),
                verdictJson());
        return markdown;
    }

    Map<String, Object> verdictJson() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("source", source.getFileName().toString());
        v.put("trusted", !control.present() || control.passed());
        v.put("confidence", Interval.CONFIDENCE);
        v.put("thresholds", Map.of("tenX", RatioClass.TEN_X_MIN, "faster", RatioClass.FASTER_MIN, "same",
                RatioClass.SAME_MIN, "borderWidth", RatioClass.BORDER_WIDTH));
        v.put("partial", verdicts().stream().anyMatch(Verdict.QuestionVerdict::partial)
                || status != null && status.partial());
        v.put("run", status);
        v.put("environment", environment);
        v.put("skipped", skipped);
        v.put("control", Map.of("present", control.present(), "passed", control.passed(), "noiseFloor",
                control.floor(), "misses", control.misses(), "allowedMisses", control.allowedMisses(), "pairs",
                control.pairs()));
        v.put("unsteady", unsteady());
        v.put("questions", verdicts());
        v.put("variants", variantVerdicts());
        v.put("comparisons", comparisons);
        v.put("device", Device.of(rows));
        v.put("evidence", Evidence.of(rows));
        v.put("largerThanMemory", LargerThanMemory.of(rows));
        v.put("threads", Scaling.of(rows));
        v.put("ipc", latencies);
        v.put("ipcSpeedUps", Ipc.speedUps(latencies));
        return v;
    }

    String markdown(String chartNote) {
        StringBuilder md = new StringBuilder();
        md.append("# mmap-bench: is a mapped file ~10x faster for random I/O, and slower for sequential?\n\n");
        if (status != null && status.partial()) {
            md.append(status.warning()).append("\n\n");
        }
        if (control.present() && !control.passed()) {
            md.append("**This run's verdict is not to be trusted: its control failed.** The same API measured twice"
                    + " differs more than the intervals allow, so the speed-ups below may be noise. Run again, on a"
                    + " quieter machine.\n\n");
        }
        md.append("Results: `").append(source.getFileName()).append("`");
        md.append(environment.isEmpty() ? " (no " + Environment.FILE + " beside it: the machine is unknown)" : "");
        md.append(".\n\n");
        if (!skipped.isEmpty()) {
            md.append(skippedLine()).append("\n\n");
        }
        md.append(FirstScreen.of(verdicts(), comparisons, control, unsteady().size(), measured.size()));
        // Which cache state and which durability the numbers have: right under the verdict.
        md.append(Device.of(rows).section(environment));
        md.append("## How to read it\n\n");
        md.append("Speed-up = the non-mapped API's time per operation / the mapped API's (above 1: the mapping is"
                + " faster). Each row's forks are its independent samples (JMH's forks differ more than the iterations"
                + " within one): per fork the log of its mean time, the ratio from the difference of the two rows' mean"
                + " logs, its 95% interval from the fork-to-fork variance, pooled over the rows of the same question"
                + " and cache state (empirical Bayes, Welch–Satterthwaite degrees of freedom). The interval never"
                + " reaches 0 or infinity. Classes: ").append(RatioClass.DESCRIPTION).append(".\n\n");
        if (!environment.isEmpty()) {
            md.append("| machine | |\n|---|---|\n");
            environment.forEach((k, val) -> md.append("| ").append(k).append(" | ").append(val).append(" |\n"));
            md.append('\n');
        }
        md.append("## Every pair\n\n");
        for (Verdict.QuestionVerdict q : verdicts()) {
            pairs(md, q.question(), q.question().label() + ": " + q.answer().label, Variant.PLAIN);
        }
        if (!variantVerdicts().isEmpty()) {
            md.append("## Variants, each on its own\n\n");
            md.append("Never counted for or against the claim: each variant answers its own question, against the"
                    + " non-mapped APIs' rows of the same variant (or their plain rows, for settings only a mapping"
                    + " takes, such as madvise).\n\n");
            for (Verdict.QuestionVerdict v : variantVerdicts()) {
                md.append("### ").append(v.question().label()).append(", ").append(v.variant().label()).append("\n\n");
                md.append(FirstScreen.headline(v, control)).append("\n\n");
                for (Comparison c : comparisons) {
                    if (c.decisive() && c.group().question() == v.question() && c.group().variant().equals(v.variant())) {
                        md.append("- ").append(FirstScreen.sentence(c)).append('\n');
                    }
                }
                md.append('\n');
                pairs(md, v.question(), null, v.variant());
            }
        }
        md.append(LargerThanMemory.section(rows)).append(Scaling.section(rows));
        controlSection(md);
        steadinessSection(md);
        md.append("## Times per operation\n\n");
        for (Question question : Question.values()) {
            times(md, question);
        }
        List<Evidence.Line> evidence = Evidence.of(rows);
        if (!evidence.isEmpty()) {
            long suspects = evidence.stream().filter(e -> !e.suspect().isEmpty()).count();
            long throttled = evidence.stream().filter(Evidence.Line::throttled).count();
            md.append("## Evidence per operation\n\n");
            md.append("From `IoProfiler`, over the timed part of each iteration: page faults; storage reads the"
                    + " benchmark JVM caused (readahead included) and bytes it dirtied (`/proc/self/io`: counted when a"
                    + " page is dirtied, so a write to a clean 2 MiB folio counts 2 MiB); what the data's block device"
                    + " read and wrote (`/sys/class/block/*/stat`, all processes); the benchmark thread's sleeps"
                    + " (voluntary context switches); the share of iterations that ended with the kernel's dirty-page"
                    + " throttle engaged (dirty pages above halfway between `vm.dirty_background` and `vm.dirty`"
                    + " thresholds: the kernel then paces every writer); and MiB of file mappings mapped with 2 MiB"
                    + " pages. ").append(suspects == 0 ? "No row is suspect." : suspects + " rows are suspect: their"
                    + " evidence does not fit their cache state.").append(throttled == 0 ? ""
                    : " " + throttled + " rows were throttled: the kernel's pacing of dirty pages, not the API, sets"
                    + " their numbers.").append("\n\n");
            md.append("| question | block, cache | API | minor faults | major faults | storage read (B) | dirtied (B) |"
                    + " disk read (B) | disk written (B) | sleeps | throttled | 2 MiB-mapped (MiB) | suspect |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Evidence.Line e : evidence) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        e.question().label(), e.group().label(), e.method(), fmt(e.minorFaults()),
                        fmt(e.majorFaults()), fmt(e.ioReadBytes()), fmt(e.dirtiedBytes()), fmt(e.diskReadBytes()),
                        fmt(e.diskWrittenBytes()), fmt(e.sleeps()), Double.isNaN(e.throttledShare()) ? "n/a"
                                : e.throttled() ? String.format(Locale.ROOT, "**%.0f%%**", 100 * e.throttledShare()) : "no",
                        fmt(e.pmdMappedMiB()), e.suspect()));
            }
            md.append('\n');
        }
        md.append(fioSection());
        if (chartNote == null) {
            md.append("Chart: [`").append(CHART).append("`](").append(CHART).append(")\n\n");
        } else {
            md.append(chartNote).append("\n\n");
        }
        md.append(Ipc.markdown(rows));
        return md.toString();
    }

    String skippedLine() {
        Map<String, Long> byWhy = new LinkedHashMap<>();
        for (Skipped s : skipped) {
            byWhy.merge(s.why(), 1L, Long::sum);
        }
        StringBuilder line = new StringBuilder("**" + skipped.size() + " of " + rows.size() + " rows skipped**: ");
        List<String> parts = new ArrayList<>();
        byWhy.forEach((why, n) -> parts.add(n + " with " + why + " ("
                + String.join(", ", skipped.stream().filter(s -> s.why().equals(why)).limit(3)
                .map(s -> "`" + s.benchmark().substring(s.benchmark().lastIndexOf('.', s.benchmark().lastIndexOf('.') - 1) + 1)
                        + (s.params().isEmpty() ? "" : " " + s.params()) + "`").toList())
                + (n > 3 ? ", ..." : "") + ")"));
        return line.append(String.join("; ", parts)).append('.').toString();
    }

    private void pairs(StringBuilder md, Question question, String title, Variant variant) {
        List<Comparison> mine = comparisons.stream()
                .filter(c -> c.group().question() == question && c.group().variant().equals(variant)).toList();
        if (mine.isEmpty()) {
            return;
        }
        if (title != null) {
            md.append("### ").append(title).append("\n\n");
        }
        md.append("| block, cache | mapped / other | speed-up [95%] | class | |\n|---|---|---|---|---|\n");
        for (Comparison c : mine) {
            md.append(String.format(Locale.ROOT, "| %s | %s / %s | %s | %s | %s |%n", c.group().label(),
                    c.mapped().method, c.other().method, c.figure(), c.verdictLabel(),
                    (c.decisive() ? "decisive" : "") + (c.steady() ? "" : " unsteady")));
        }
        md.append('\n');
    }

    private void controlSection(StringBuilder md) {
        md.append("## Control: the same API against itself\n\n").append(control.summary()).append("\n\n");
        if (!control.present()) {
            return;
        }
        md.append("| question | block, cache | API / its twin [95%] | class |\n|---|---|---|---|\n");
        for (Control.Pair p : control.pairs()) {
            Interval i = p.interval();
            md.append(String.format(Locale.ROOT, "| %s | %s | %sx [%s–%s] | %s |%n", p.group().question().label(),
                    p.group().label(), fmt(i.ratio()), fmt(i.low()), fmt(i.high()), p.verdict().label));
        }
        md.append('\n');
    }

    private void steadinessSection(StringBuilder md) {
        List<Unsteady> flagged = unsteady();
        md.append("## Steadiness\n\n");
        if (flagged.isEmpty()) {
            md.append("Every row's iterations are steady within its forks.\n\n");
            return;
        }
        md.append("These rows' iterations still move within a fork: they measure their own warm-up as much as the API."
                + " Fix: ").append(Steadiness.FIX).append(".\n\n");
        md.append("| question | block, cache | method | what moves |\n|---|---|---|---|\n");
        for (Unsteady u : flagged) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", u.group().question().label(),
                    u.group().label(), u.method(), u.what()));
        }
        md.append('\n');
    }

    /** Java's time per operation over fio's, for the engine the API stands on: Java's own overhead. */
    String fioSection() {
        Path file = source.toAbsolutePath().resolveSibling(Fio.FILE);
        if (!Files.isRegularFile(file)) {
            return "No fio cross-check in this run (`./run-bench.sh --with-fio`; fio: apt-get install fio).\n\n";
        }
        List<Fio.Result> fio;
        try {
            fio = Fio.read(file);
        } catch (IOException e) {
            return "The fio cross-check cannot be read: " + e.getMessage() + "\n\n";
        }
        StringBuilder md = new StringBuilder("## Java against fio\n\n");
        md.append("Each Java API's time per operation divided by fio's on the same file, block size, pattern and cache"
                + " state, with the engine the API stands on (mapped APIs: `mmap`; the others: `psync`). 1.0 means"
                + " Java adds nothing; the excess is Java's own overhead.\n\n");
        md.append("| question | block, cache | API | Java (ns/op) | fio engine | fio (ns/op) | Java / fio |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Measured m : measured) {
            Row r = m.row();
            if (!m.group().variant().plain() || r.control()) {
                continue;
            }
            String engine = r.mapped() ? "mmap" : "psync";
            for (Fio.Result f : fio) {
                Fio.Job j = f.job();
                if (j.question() == m.group().question() && j.engine().equals(engine)
                        && j.cache().equals(m.group().cache().name()) && j.blockSize() == m.group().blockSize()) {
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", m.group().question().label(),
                            m.group().label(), r.api().orElseThrow().method, fmt(r.score()), engine,
                            f.error() == null ? fmt(f.nsPerOp()) : "failed: " + f.error(),
                            f.error() == null ? fmt(r.score() / f.nsPerOp()) : ""));
                }
            }
        }
        return md.append('\n').toString();
    }

    private void times(StringBuilder md, Question question) {
        List<Measured> mine = measured.stream().filter(m -> m.group().question() == question).toList();
        if (mine.isEmpty()) {
            return;
        }
        Set<Group> groups = new TreeSet<>();
        mine.forEach(m -> groups.add(m.group()));
        List<String> methods = new ArrayList<>();
        for (Api api : Api.values()) {
            methods.add(api.method);
        }
        if (mine.stream().anyMatch(m -> m.row().control())) {
            methods.add(Api.FILE_CHANNEL.method + Row.CONTROL);
        }
        String unitName = mine.getFirst().row().unit();
        md.append("### ").append(question.label()).append(" (").append(unitName)
                .append(", ± JMH's error; forks × iterations)\n\n");
        md.append("| block, cache | ").append(String.join(" | ", methods)).append(" |\n");
        md.append("|---|").append("---|".repeat(methods.size())).append('\n');
        double unit = JmhResults.nanosPer(unitName);
        for (Group g : groups) {
            md.append("| ").append(g.label()).append(" |");
            for (String method : methods) {
                Row r = mine.stream().filter(m -> m.group().equals(g) && m.row().method().equals(method))
                        .map(Measured::row).findFirst().orElse(null);
                md.append(r == null ? " |" : String.format(Locale.ROOT, " %s ± %s (%d×%d) |", fmt(r.score() / unit),
                        fmt(r.error() / unit), r.forks().size(), r.forks().getFirst().size()));
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** Kept for the callers not yet moved to {@link Numbers#fmt} (files other engineers are changing). */
    static String fmt(double v) {
        return Numbers.fmt(v);
    }
}
