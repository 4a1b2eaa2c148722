package mmapbench.report;

import mmapbench.param.Parameter;
import mmapbench.profile.IoProfiler;
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

    /**
     * @param scaling       N × the one-thread row's time per operation over the N-thread row's, with its
     *                      95% interval over the two rows' rounds (never pooled); NaN without a partner
     * @param evidenceShift how the evidence per operation changed from 1 to N threads, where it changed
     *                      by half or more (then the rows do not do the same work per operation); "" if not
     */
    public record Line(String question, String block, String advice, String api, int threads, double opsPerSecOne,
                       double opsPerSecN, double majorFaultsN, double scaling, double scalingLow, double scalingHigh,
                       String evidenceShift) {
    }

    private Scaling() {
    }

    public static List<Line> of(List<Row> rows) {
        List<Line> out = new ArrayList<>();
        for (Row r : rows) {
            if (!r.judgeable() || r.threads() <= 1 || !timePerOperation(r)) {
                continue;
            }
            Row one = rows.stream().filter(o -> o.judgeable() && o.threads() == 1 && o.mode().equals(r.mode())
                    && o.benchmark().equals(r.benchmark()) && o.params().equals(r.params())).findFirst().orElse(null);
            // Paired fork by fork: the two rows ran in different legs, so this is as wide as unpaired, and honest.
            Interval ratio = one == null ? null : Interval.paired(Spread.of(one.forks()), Spread.of(r.forks()));
            int n = r.threads();
            out.add(new Line(r.fileQuestion().orElseThrow().label(), r.blockAndCache(),
                    r.textOrPlain(Parameter.ADVICE), r.method(), n,
                    one == null ? Double.NaN : 1e9 / one.score(), n * 1e9 / r.score(),
                    r.secondary().getOrDefault(IoProfiler.MAJOR, Double.NaN),
                    ratio == null ? Double.NaN : n * ratio.ratio(), ratio == null ? Double.NaN : n * ratio.low(),
                    ratio == null ? Double.NaN : n * ratio.high(), one == null ? "" : evidenceShift(one, r)));
        }
        return out;
    }

    /** Average or single-shot time per operation: the modes whose rows scale as 1 / score. */
    private static boolean timePerOperation(Row r) {
        return r.mode().equals("avgt") || r.mode().equals(JmhResults.SINGLE_SHOT);
    }

    /** The evidence that changed per operation by half or more from one thread to N, in words; "" if none. */
    static String evidenceShift(Row one, Row many) {
        List<String> changed = new ArrayList<>();
        for (String metric : List.of(IoProfiler.DIRTIED, IoProfiler.MINOR, IoProfiler.MAJOR, IoProfiler.READ)) {
            double a = one.secondary().getOrDefault(metric, Double.NaN);
            double b = many.secondary().getOrDefault(metric, Double.NaN);
            if (a > 0 && b > 0 && (b / a >= 1.5 || a / b >= 1.5)) {
                changed.add(metric + " " + Numbers.fmt(a) + " → " + Numbers.fmt(b));
            }
        }
        return String.join(", ", changed);
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
        md.append("The interval is from the two rows' own forks. Where the evidence per operation changes with the"
                + " thread count (more than by half), the threads do different work per operation (for example two"
                + " threads' writes landing on the same already dirty folios): that row's factor is not scaling alone.\n\n");
        md.append("| question | block, cache | advice | API | threads | ops/s at 1 | ops/s at N | scaling [95%] |"
                + " per-op evidence that changed |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Line l : lines) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %s | %s | %sx [%s] | %s |%n", l.question(),
                    l.block(), l.advice(), l.api(), l.threads(), mops(l.opsPerSecOne()), mops(l.opsPerSecN()),
                    Numbers.fmt(l.scaling()), Double.isFinite(l.scalingLow()) ? Numbers.fmt(l.scalingLow()) + "–"
                            + Numbers.fmt(l.scalingHigh()) : "no interval", l.evidenceShift()));
        }
        return md.append('\n').toString();
    }

    private static String mops(double opsPerSec) {
        return Double.isNaN(opsPerSec) ? "n/a" : Numbers.fmt(opsPerSec / 1e6) + " M";
    }
}
