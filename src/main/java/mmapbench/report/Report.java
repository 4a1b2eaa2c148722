package mmapbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import mmapbench.fio.Fio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
    private final List<Verdict.Comparison> comparisons;
    private final List<Verdict.QuestionVerdict> verdicts;
    private final List<Ipc.Latency> latencies;

    private Report(Path source, List<Row> rows) {
        this.source = source;
        this.rows = rows;
        this.environment = Environment.beside(source);
        this.comparisons = Verdict.compare(rows);
        this.verdicts = Verdict.judge(rows, comparisons);
        this.latencies = Ipc.latencies(rows);
    }

    public static Report of(Path resultFile) throws BadResultFile {
        return new Report(resultFile, JmhResults.read(resultFile));
    }

    List<Verdict.Comparison> comparisons() {
        return comparisons;
    }

    List<Verdict.QuestionVerdict> verdicts() {
        return verdicts;
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
        v.put("thresholds", Map.of("tenX", Verdict.TEN_X_MIN, "faster", Verdict.FASTER_MIN, "same", Verdict.SAME_MIN));
        v.put("partial", verdicts.stream().anyMatch(Verdict.QuestionVerdict::partial));
        v.put("environment", environment);
        v.put("questions", verdicts);
        v.put("comparisons", comparisons);
        v.put("evidence", Evidence.of(rows));
        v.put("ipc", latencies);
        v.put("ipcSpeedUps", Ipc.speedUps(latencies));
        return v;
    }

    String markdown(String chartNote) {
        StringBuilder md = new StringBuilder();
        md.append("# mmap-bench: is a mapped file ~10x faster for random I/O, and slower for sequential?\n\n");
        md.append("Results: `").append(source.getFileName()).append("`");
        md.append(environment.isEmpty() ? " (no " + Environment.FILE + " beside it: the machine is unknown)" : "");
        md.append("\n\n");
        if (!environment.isEmpty()) {
            md.append("| machine | |\n|---|---|\n");
            environment.forEach((k, val) -> md.append("| ").append(k).append(" | ").append(val).append(" |\n"));
            md.append('\n');
        }
        md.append("Speed-up = the non-mapped API's time per operation / the mapped API's (above 1: the mapping is"
                + " faster). Its interval runs from the worst to the best ends of JMH's 99.9% confidence intervals."
                + " Classes: ").append(Verdict.THRESHOLDS).append(".\n\n");

        md.append("## Verdict\n\n");
        md.append("| question | the lecture says | on this machine | rows for | rows against | undecided |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Verdict.QuestionVerdict q : verdicts) {
            md.append(String.format(Locale.ROOT, "| %s | %s | **%s**%s | %d | %d | %d |%n", q.question(), q.expected(),
                    q.verdict(), q.partial() ? " (partial)" : "", q.supporting().size(), q.contradicting().size(),
                    q.undecided().size()));
        }
        md.append('\n');
        for (Verdict.QuestionVerdict q : verdicts) {
            if (q.partial()) {
                md.append("- ").append(q.question()).append(" is partial: ").append(q.missing().contains(Verdict.NO_RESULTS)
                        ? "no results" : "missing " + String.join(", ", q.missing())).append(".\n");
            }
        }
        md.append('\n');
        for (Verdict.QuestionVerdict q : verdicts) {
            if (q.supporting().isEmpty() && q.contradicting().isEmpty() && q.undecided().isEmpty()) {
                continue;
            }
            md.append("### ").append(q.question()).append(": ").append(q.verdict()).append("\n\n");
            list(md, "For the claim", q.supporting());
            list(md, "Against it", q.contradicting());
            list(md, "Undecided", q.undecided());
        }

        md.append("## Times per operation\n\n");
        for (String question : Verdict.QUESTIONS) {
            times(md, question);
        }
        List<Evidence.Line> evidence = Evidence.of(rows);
        if (!evidence.isEmpty()) {
            long suspects = evidence.stream().filter(e -> !e.suspect().isEmpty()).count();
            md.append("## Evidence per operation\n\n");
            md.append("From `IoProfiler` (/proc of the benchmark JVM, over the timed part of each iteration): page"
                    + " faults, bytes read from and written to the device, and MiB of file mappings mapped with 2 MiB"
                    + " pages. ").append(suspects == 0 ? "No row is suspect." : suspects + " rows are suspect: their"
                    + " evidence does not fit their cache state.").append("\n\n");
            md.append("| question | block, cache | API | minor faults | major faults | device read (B) |"
                    + " device write (B) | 2 MiB-mapped (MiB) | suspect |\n|---|---|---|---|---|---|---|---|---|\n");
            for (Evidence.Line e : evidence) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", e.question(),
                        e.group(), e.api(), fmt(e.minorFaults()), fmt(e.majorFaults()), fmt(e.readBytes()),
                        fmt(e.writeBytes()), fmt(e.pmdMappedMiB()), e.suspect()));
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
        for (Row r : rows) {
            if (!Verdict.QUESTIONS.contains(r.question()) || !r.param("advice").matches("|NORMAL")
                    || !r.param("forceEvery").matches("|0") || r.param("blockSize").isEmpty()) {
                continue;
            }
            String engine = Verdict.MAPPED.contains(r.api()) ? "mmap" : "psync";
            for (Fio.Result f : fio) {
                Fio.Job j = f.job();
                if (j.question().equals(r.question()) && j.engine().equals(engine) && j.cache().equals(r.param("cache"))
                        && String.valueOf(j.blockSize()).equals(r.param("blockSize"))) {
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", r.question(),
                            Verdict.group(r), r.api(), fmt(r.score()), engine,
                            f.error() == null ? fmt(f.nsPerOp()) : "failed: " + f.error(),
                            f.error() == null ? fmt(r.score() / f.nsPerOp()) : ""));
                }
            }
        }
        return md.append('\n').toString();
    }

    private static void list(StringBuilder md, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        md.append(title).append(":\n\n");
        for (String i : items) {
            md.append("- ").append(i).append('\n');
        }
        md.append('\n');
    }

    private void times(StringBuilder md, String question) {
        List<Row> mine = rows.stream().filter(r -> r.question().equals(question) && !Double.isNaN(r.score())).toList();
        if (mine.isEmpty()) {
            return;
        }
        Set<String> groups = new LinkedHashSet<>();
        for (Verdict.Comparison c : comparisons) {
            if (c.question().equals(question)) {
                groups.add(c.group());
            }
        }
        for (Row r : mine) {
            groups.add(Verdict.group(r));
        }
        List<String> apis = new ArrayList<>(Verdict.MAPPED);
        apis.addAll(Verdict.OTHERS);
        md.append("### ").append(question).append(" (").append(mine.getFirst().unit()).append(", ± JMH's error)\n\n");
        md.append("| block, cache | ").append(String.join(" | ", apis)).append(" |\n");
        md.append("|---|").append("---|".repeat(apis.size())).append('\n');
        double unit = JmhResults.nanosPer(mine.getFirst().unit());
        for (String g : groups) {
            md.append("| ").append(g).append(" |");
            for (String api : apis) {
                Row r = mine.stream().filter(x -> x.api().equals(api) && Verdict.group(x).equals(g)).findFirst().orElse(null);
                md.append(r == null ? " |" : String.format(Locale.ROOT, " %s ± %s |", fmt(r.score() / unit), fmt(r.error() / unit)));
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static String micros(double nanos) {
        return Double.isNaN(nanos) ? "" : fmt(nanos / 1000);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }
}
