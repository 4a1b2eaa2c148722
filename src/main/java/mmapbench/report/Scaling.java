package mmapbench.report;

import mmapbench.param.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's "Threads" section: how each API scales from one thread to N. A time-per-operation
 * row at N threads is JMH's mean over threads of each thread's time per operation, so the run's
 * operations per second are {@code N / score}; scaling is that over the one-thread row's
 * {@code 1 / score}: N means no thread slows another down, 1 means N threads get no more done than one
 * (a shared lock, or a saturated device). Rows at N threads are a {@link Variant}.
 */
public final class Scaling {

    public record Line(String question, String block, String advice, String api, int threads, double opsPerSecOne,
                       double opsPerSecN, double majorFaultsN) {
        public double scaling() {
            return opsPerSecN / opsPerSecOne;
        }
    }

    private Scaling() {
    }

    public static List<Line> of(List<Row> rows) {
        List<Line> out = new ArrayList<>();
        for (Row r : rows) {
            if (!r.judgeable() || r.threads() <= 1 || !r.mode().equals("avgt")) {
                continue;
            }
            Row one = rows.stream().filter(o -> o.judgeable() && o.threads() == 1 && o.mode().equals(r.mode())
                    && o.benchmark().equals(r.benchmark()) && o.params().equals(r.params())).findFirst().orElse(null);
            out.add(new Line(r.fileQuestion().orElseThrow().label(), r.blockAndCache(),
                    r.textOrPlain(Parameter.ADVICE), r.method(), r.threads(),
                    one == null ? Double.NaN : 1e9 / one.score(), r.threads() * 1e9 / r.score(),
                    r.secondary().getOrDefault(mmapbench.profile.IoProfiler.MAJOR, Double.NaN)));
        }
        return out;
    }

    /** Markdown, or nothing when no row ran on more than one thread. */
    public static String section(List<Row> rows) {
        List<Line> lines = of(rows);
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Threads\n\n");
        md.append("Operations per second of the whole run at 1 and N threads (N × 10⁹ / each thread's ns/op), and the"
                + " scaling factor: N is perfect, 1 means the threads only took turns. `FileChannel`'s positional reads"
                + " and a mapping's page faults take locks the threads share (the file's, the mm's); where they show,"
                + " the factor falls below N.\n\n");
        md.append("| question | block, cache | advice | API | threads | ops/s at 1 | ops/s at N | scaling |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (Line l : lines) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %s | %s | %sx |%n", l.question(), l.block(),
                    l.advice(), l.api(), l.threads(), mops(l.opsPerSecOne()), mops(l.opsPerSecN()),
                    Numbers.fmt(l.scaling())));
        }
        return md.append('\n').toString();
    }

    private static String mops(double opsPerSec) {
        return Double.isNaN(opsPerSec) ? "n/a" : Numbers.fmt(opsPerSec / 1e6) + " M";
    }
}
