package mmapbench.report;

import mmapbench.param.Parameter;
import mmapbench.fixture.MemoryLimit;
import mmapbench.profile.CgroupCounters;
import mmapbench.profile.IoProfiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The report's "Larger than memory" section: each row run under a {@code memoryLimit} beside its
 * partner without one (the same benchmark, parameters, threads and mode, {@code memoryLimit=none}),
 * with the evidence that tells why they differ: major faults and device bytes per operation, and
 * the cgroup's page cache and refaults. Limited rows are a {@link Variant}, never in the plain verdict.
 */
public final class LargerThanMemory {

    /** One limited row and its unlimited partner (null when the run has none). */
    public record Line(String question, String block, String advice, String api, String limit, double noneNs,
                       double limitNs, double noneMajor, double limitMajor, double noneRead, double limitRead,
                       double cacheMiB, double refaults) {
        /** How many times slower the limited row is; NaN without a partner. */
        public double slowdown() {
            return limitNs / noneNs;
        }
    }

    private LargerThanMemory() {
    }

    public static List<Line> of(List<Row> rows) {
        List<Line> out = new ArrayList<>();
        for (Row r : rows) {
            String limit = r.text(Parameter.MEMORY_LIMIT);
            if (!r.judgeable() || r.value(Parameter.MEMORY_LIMIT).map(MemoryLimit::none).orElse(true)) {
                continue;
            }
            Row none = rows.stream().filter(o -> o.judgeable() && o.benchmark().equals(r.benchmark())
                    && o.threads() == r.threads() && o.mode().equals(r.mode())
                    && withoutLimit(o.params()).equals(withoutLimit(r.params()))
                    && o.text(Parameter.MEMORY_LIMIT).equals(MemoryLimit.NONE_VALUE)).findFirst().orElse(null);
            out.add(new Line(r.fileQuestion().orElseThrow().label(), r.blockAndCache(),
                    r.textOrPlain(Parameter.ADVICE), r.method(), limit,
                    none == null ? Double.NaN : none.score(), r.score(), ev(none, IoProfiler.MAJOR), ev(r, IoProfiler.MAJOR),
                    ev(none, IoProfiler.READ), ev(r, IoProfiler.READ), ev(r, CgroupCounters.CACHE),
                    ev(r, CgroupCounters.REFAULTS)));
        }
        return out;
    }

    /** Markdown, or nothing when no row ran under a limit. */
    public static String section(List<Row> rows) {
        List<Line> lines = of(rows);
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Larger than memory\n\n");
        md.append("Rows run with `memoryLimit`: the benchmark JVM in a memory cgroup whose page cache may hold only"
                + " that share of the data file (plus ").append(MemoryLimit.HEADROOM >> 20).append(" MiB for the JVM),"
                + " so its reads fault and evict as on a file larger than memory. WARM means as much as fits (the cache"
                + " filled with the file's tail before each iteration: the steady state), COLD the file evicted. Beside"
                + " each, the same row without a limit. Slowdown = limited / unlimited time per operation. Major faults and device bytes"
                + " per operation say how often a read went to the device and how much it brought back (read-around);"
                + " the cgroup's cache is what it held at the end of an iteration, refaults are pages it evicted and"
                + " had to read again. Random reads of a file whose cache holds a share s of it miss 1 − s of the time"
                + " by the limit alone (0.75 at 25%); sequential passes under a limit are COLD only, since a pass finds"
                + " nothing of a file larger than its cache still cached.\n\n");
        md.append("| question | block, cache | advice | API | limit | none (ns/op) | limited (ns/op) | slowdown |"
                + " major faults/op none → limited | device read B/op none → limited | cgroup cache (MiB) |"
                + " refaults/op |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Line l : lines) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %sx | %s → %s | %s → %s | %s | %s |%n",
                    l.question(), l.block(), l.advice(), l.api(), l.limit(), Numbers.fmt(l.noneNs()),
                    Numbers.fmt(l.limitNs()), Numbers.fmt(l.slowdown()), Numbers.fmt(l.noneMajor()),
                    Numbers.fmt(l.limitMajor()), Numbers.fmt(l.noneRead()), Numbers.fmt(l.limitRead()),
                    Numbers.fmt(l.cacheMiB()), Numbers.fmt(l.refaults())));
        }
        return md.append('\n').toString();
    }

    private static Map<String, String> withoutLimit(Map<String, String> params) {
        Map<String, String> p = new TreeMap<>(params);
        p.remove(Variant.Param.MEMORY_LIMIT.name);
        return p;
    }

    private static double ev(Row r, String metric) {
        return r == null ? Double.NaN : Objects.requireNonNullElse(r.secondary().get(metric), Double.NaN);
    }
}
