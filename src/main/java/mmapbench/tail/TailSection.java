package mmapbench.tail;

import mmapbench.param.Parameter;
import mmapbench.fixture.CacheState;

import mmapbench.file.Api;
import mmapbench.file.Question;
import mmapbench.report.Numbers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The report's "Slow reads" section ("Slow reads and writes" once a write is in it): per group of
 * tail rows (one benchmark class, one set of parameters but the API, one thread count) the
 * percentiles of single operations, API by API, a chart of them, and in words how long a mapped
 * read's (or write's) tail is against the best other API's,
 * with the interval from forks paired by index ({@link TailRatio}). Renders nothing for a run
 * without tail rows, so that every other report reads as before.
 */
public final class TailSection {

    /** The group's chart, beside the report: {@code tail-1.png}, in the section's order. */
    static final String CHART = "tail-%d.png";

    /** The parameters a group's heading names when they are not at their plain values. */
    private static final List<Parameter<?>> VARIANTS = List.of(Parameter.ADVICE, Parameter.FOLIOS,
            Parameter.MEMORY_LIMIT, Parameter.READ_AHEAD);

    /** One heading's rows: every API of one class, one set of parameters, one thread count. */
    record Group(String benchmarkClass, Map<String, String> params, int threads, List<TailRow> rows) {

        /** "4096 B, 16 reads an open, COLD, memoryLimit=25%, 8 threads": what the rows measured, for people; never parsed back. */
        String label() {
            StringBuilder s = new StringBuilder(params.getOrDefault(Parameter.BLOCK_SIZE.name, "?") + " B, ");
            if (params.containsKey(Parameter.READS.name)) {
                s.append(params.get(Parameter.READS.name)).append(" reads an open, ");
            }
            s.append(params.getOrDefault(Parameter.CACHE.name, "?"));
            boolean cold = CacheState.COLD.name().equals(params.get(Parameter.CACHE.name));
            for (Parameter<?> p : VARIANTS) {
                String v = params.get(p.name);
                // A COLD file has no folios to be in.
                if (v != null && !v.equals(plain(p)) && !(cold && p == Parameter.FOLIOS)) {
                    s.append(", ").append(p.name).append('=').append(v);
                }
            }
            return s + (threads > 1 ? ", " + threads + " threads" : "");
        }

        /** The question whose operations the class times, if it is one the suite knows. */
        Optional<Question> asks() {
            return TailFixture.TIMES_OPERATIONS_OF.entrySet().stream()
                    .filter(e -> e.getKey().getSimpleName().equals(benchmarkClass)).map(Map.Entry::getValue).findFirst();
        }

        /** What the class asks, in words: its question's (the tail's random reads are the independent ones alone). */
        String question() {
            return asks().map(q -> q == Question.RANDOM_READ ? "Random reads" : q.words()).orElse(benchmarkClass);
        }

        /** What one timed operation is, in a word: "read" or "write". */
        String operation() {
            return asks().filter(q -> q.writes).isPresent() ? "write" : "read";
        }

        /** The highest of p99.9, p99, p90 every non-control row of the group reaches; null when none. */
        TailProfiler.Percentile verdictPercentile() {
            List<TailProfiler.Percentile> candidates = List.of(TailProfiler.PERCENTILES.get(3),
                    TailProfiler.PERCENTILES.get(2), TailProfiler.PERCENTILES.get(1));
            for (TailProfiler.Percentile p : candidates) {
                if (rows.stream().filter(r -> !r.control()).allMatch(r -> r.reaches(p.percentile()))) {
                    return p;
                }
            }
            return null;
        }

        /** The non-mapped, non-control API with the shortest {@code p}: the one a mapping is held against. */
        TailRow bestOther(TailProfiler.Percentile p) {
            return rows.stream().filter(r -> !r.control() && !r.api().mapped)
                    .min(Comparator.comparingDouble(r -> r.typical(p.label()))).orElse(null);
        }

        TailRow row(String method) {
            return rows.stream().filter(r -> r.method().equals(method)).findFirst().orElse(null);
        }
    }

    private TailSection() {
    }

    private static <T> String plain(Parameter<T> p) {
        return p.plain().map(p::format).orElse("");
    }

    /** The groups of {@code rows}, in the order their first rows came. */
    static List<Group> groups(List<TailRow> rows) {
        Map<String, List<TailRow>> by = new LinkedHashMap<>();
        for (TailRow r : rows) {
            by.computeIfAbsent(r.benchmarkClass() + " " + r.params() + " " + r.threads(), k -> new ArrayList<>()).add(r);
        }
        List<Group> out = new ArrayList<>();
        by.values().forEach(rs -> {
            List<TailRow> sorted = new ArrayList<>(rs);
            // APIs in Api's order, the control after its API.
            sorted.sort(Comparator.comparingInt((TailRow r) -> r.api().ordinal()).thenComparing(TailRow::control));
            out.add(new Group(rs.getFirst().benchmarkClass(), new TreeMap<>(rs.getFirst().params()),
                    rs.getFirst().threads(), sorted));
        });
        return out;
    }

    /** The section for the run in {@code resultFile}; "" when it has no tail rows. */
    public static String markdown(Path resultFile) {
        try {
            return markdown(groups(TailRow.read(resultFile)));
        } catch (IOException e) {
            // The report's reader has already refused a file it cannot read; this one must not fail it.
            return "";
        }
    }

    /**
     * The tail figure for the report's first lines: the verdict of the run's first COLD group of
     * random reads (the lecture's question about slow reads), else of its first COLD group, else
     * of its first group; "" without tail rows.
     */
    public static String headline(Path resultFile) {
        try {
            List<Group> groups = groups(TailRow.read(resultFile));
            List<Group> cold = groups.stream().filter(g -> CacheState.COLD.name().equals(
                    g.params().get(Parameter.CACHE.name))).toList();
            return cold.stream().filter(g -> g.asks().equals(Optional.of(Question.RANDOM_READ))).findFirst()
                    .or(() -> cold.stream().findFirst())
                    .or(() -> groups.stream().findFirst())
                    .map(g -> g.question() + ", " + g.label() + ": " + verdict(g)).orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    /** Draws each group's chart into {@code dir}; nothing when the run has no tail rows. */
    public static void drawCharts(Path resultFile, Path dir) throws IOException {
        List<Group> groups = groups(TailRow.read(resultFile));
        for (int i = 0; i < groups.size(); i++) {
            TailChart.write(groups.get(i), dir.resolve(String.format(Locale.ROOT, CHART, i + 1)));
        }
    }

    static String markdown(List<Group> groups) {
        if (groups.isEmpty()) {
            return "";
        }
        boolean writes = groups.stream().anyMatch(g -> g.operation().equals("write"));
        StringBuilder md = new StringBuilder("## Slow reads" + (writes ? " and writes" : "")
                + ": the distribution of single operations\n\n");
        md.append("Every read" + (writes ? " and every write" : "") + " of these rows was timed on its own"
                + " (`System.nanoTime()` before and after, into an HdrHistogram of three significant digits); each"
                + " fork pools the operations of all its measured iterations, every one a call of `ops` operations"
                + " right after the cache state was set up, so a percentile is that of \"the first `ops` operations"
                + " after the state was set\", whatever JMH's iteration length. A figure is the geometric mean of"
                + " the forks' own percentiles; one a fork does not have " + TailRow.ABOVE + " operations above is"
                + " left out (—), since it would be the fork's largest one or two. The ratios pair fork i of one API"
                + " with fork i of the other and take a t-interval over the pairs (95%), on the log scale.\n\n");
        if (groups.stream().anyMatch(g -> g.asks().equals(Optional.of(Question.SHORT_LIVED_READ)))) {
            md.append("A short-lived row's call is `ops` opens of `reads` reads each, and its operation is one read:"
                    + " opening, mapping, unmapping and closing are in no time here (the average rows carry them),"
                    + " and a mapped read is often the first touch of its page in a fresh mapping.\n\n");
        }
        double timer = timer(groups);
        if (!Double.isNaN(timer)) {
            md.append(String.format(Locale.ROOT, "The timer's own cost: a back-to-back `System.nanoTime()` pair"
                    + " takes %s ns here (the median of each fork's pairs, averaged over the forks); every time"
                    + " below includes it once, which matters only for operations on the page cache.%n%n", fmt(timer)));
        }
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            md.append("### ").append(g.question()).append(", ").append(g.label()).append("\n\n");
            md.append(verdict(g)).append("\n\n");
            md.append("| API | ").append(g.operation()).append("s a fork | p50 | p90 | p99 | p99.9 | p99.99 | max |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
            for (TailRow r : g.rows()) {
                md.append("| `").append(r.method()).append('`').append(r.api().mapped ? " (mapped)" : "")
                        .append(" | ").append(r.fewestSamples()).append(r.perFork(TailProfiler.SAMPLES).length > 1
                                ? " × " + r.perFork(TailProfiler.SAMPLES).length + " forks" : "");
                for (TailProfiler.Percentile p : TailProfiler.PERCENTILES) {
                    md.append(" | ").append(r.reaches(p.percentile()) ? time(r.typical(p.label())) : "—");
                }
                md.append(" | ").append(time(r.typical(TailProfiler.MAX))).append(" |\n");
            }
            md.append(String.format(Locale.ROOT, "%n![percentiles of single %ss, %s, log latency against log"
                    + " percentile](%s)%n%n", g.operation(), g.label(), String.format(Locale.ROOT, CHART, i + 1)));
        }
        return md.toString();
    }

    /** The group's tail verdict in words: each mapped API against the best other one, and the control. */
    static String verdict(Group g) {
        TailProfiler.Percentile p = g.verdictPercentile();
        if (p == null) {
            return "Too few " + g.operation() + "s a fork for any tail figure.";
        }
        List<String> out = new ArrayList<>();
        if (p != TailProfiler.PERCENTILES.get(3)) {
            out.add(String.format(Locale.ROOT, "p99.9 is not reached (%d %ss a fork leave fewer than %d above it):"
                    + " the verdict is at %s.", g.rows().stream().filter(r -> !r.control())
                    .mapToLong(TailRow::fewestSamples).min().orElse(0), g.operation(), TailRow.ABOVE, name(p)));
        }
        TailRow best = g.bestOther(p);
        for (TailRow mapped : g.rows().stream().filter(r -> r.api().mapped && !r.control()).toList()) {
            if (best == null) {
                break;
            }
            TailRatio ratio = TailRatio.paired(mapped.perFork(p.label()), best.perFork(p.label()));
            out.add(String.format(Locale.ROOT, "At %s a mapped %s %s (`%s`) takes %s as long as `%s`, the fastest"
                            + " other API there%s.", name(p), g.params().getOrDefault(Parameter.CACHE.name, ""),
                    g.operation(), mapped.method(),
                    times(ratio.ratio()), best.method(), interval(ratio)));
        }
        TailRow channel = g.row(Api.FILE_CHANNEL.method);
        TailRow control = g.row(Api.FILE_CHANNEL.method + Api.CONTROL_SUFFIX);
        if (channel != null && control != null) {
            TailRatio ratio = TailRatio.paired(control.perFork(p.label()), channel.perFork(p.label()));
            out.add(String.format(Locale.ROOT, "The control (`%s` against `%s`, the same %ss) comes out at %s%s: how"
                    + " far that strays from 1x is the noise of this tail figure.", control.method(), channel.method(),
                    g.operation(),
                    times(ratio.ratio()), interval(ratio)));
            if (ratio.decided()) {
                out.add("Its interval misses 1x: at this percentile the rows differ by more than their forks"
                        + " vary, so no ratio here is to be trusted as far as its interval says.");
            }
        }
        return String.join(" ", out);
    }

    private static String interval(TailRatio r) {
        return Double.isNaN(r.low()) ? " (" + r.pairs() + " fork pair: no interval)"
                : " (95%: " + fmt(r.low()) + "–" + fmt(r.high()) + "x, " + r.pairs() + " fork pairs)";
    }

    /** The mean over every fork of every row of the timer's cost; NaN without one. */
    private static double timer(List<Group> groups) {
        double sum = 0;
        int n = 0;
        for (Group g : groups) {
            for (TailRow r : g.rows()) {
                for (double v : r.perFork(TailProfiler.TIMER)) {
                    if (!Double.isNaN(v)) {
                        sum += v;
                        n++;
                    }
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static String name(TailProfiler.Percentile p) {
        return p.label().substring(1);
    }

    private static String times(double ratio) {
        return fmt(ratio) + "x";
    }

    /** ns, µs or ms, three significant digits. */
    static String time(double nanos) {
        if (Double.isNaN(nanos)) {
            return "n/a";
        }
        if (nanos >= 1e6) {
            return fmt(nanos / 1e6) + " ms";
        }
        return nanos >= 1e3 ? fmt(nanos / 1e3) + " µs" : fmt(nanos) + " ns";
    }

    /** As the rest of the report writes numbers. */
    static String fmt(double x) {
        return Numbers.fmt(x);
    }
}
