package mmapbench.report;

import mmapbench.param.Parameter;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The report's "Threads beyond cores, from the device" section: COLD random reads at 1 to N
 * threads, each API's operations per second of the whole run with a 95% interval over its forks.
 * A blocking reader ({@code pread}, a page fault) waits for its request, so a device queue is
 * only as deep as the threads that wait on it: the question is whether more threads than cores
 * get more done. Renders nothing for a run without COLD rows on more than one thread.
 *
 * <p>A row's operations per second is N × 10⁹ over its time per operation (JMH's mean over
 * threads of each thread's ns/op; every thread runs its own {@code ops}); the interval is
 * Student's t over the forks' own values on the log scale, one row's forks alone.
 */
final class DeviceThreads {

    /** One API in one state at one thread count: ops/s of the whole run, its interval, its forks. */
    record Cell(double opsPerSec, double low, double high, int forks) {
    }

    /** One API in one state: its cells by thread count. */
    record Line(String question, String block, String memoryLimit, String api, Map<Integer, Cell> byThreads) {
    }

    private DeviceThreads() {
    }

    static List<Line> of(List<Row> rows) {
        Map<String, Line> out = new LinkedHashMap<>();
        boolean many = rows.stream().anyMatch(r -> cold(r) && r.threads() > 1);
        if (!many) {
            return List.of();
        }
        for (Row r : rows) {
            if (!cold(r)) {
                continue;
            }
            String key = r.fileQuestion().orElseThrow() + " " + r.blockAndCache() + " " + r.textOrPlain(Parameter.MEMORY_LIMIT)
                    + " " + r.textOrPlain(Parameter.ADVICE) + " " + r.textOrPlain(Parameter.READ_AHEAD) + " " + r.method();
            Line line = out.computeIfAbsent(key, k -> new Line(r.fileQuestion().orElseThrow().label(), r.blockAndCache(),
                    r.textOrPlain(Parameter.MEMORY_LIMIT), r.method(), new java.util.TreeMap<>()));
            line.byThreads().putIfAbsent(r.threads(), cell(r));
        }
        // Only the APIs that ran on more than one thread count: the rest is in the plain tables.
        return out.values().stream().filter(l -> l.byThreads().size() > 1).toList();
    }

    /** A COLD random-read row of NORMAL advice at the device's read-around, in time per operation. */
    private static boolean cold(Row r) {
        return r.judgeable() && r.fileQuestion().orElseThrow().random && !r.fileQuestion().orElseThrow().writes
                && "COLD".equals(r.text(Parameter.CACHE)) && (JmhResults.SINGLE_SHOT.equals(r.mode()) || r.mode().equals("avgt"))
                && r.value(Parameter.ADVICE).map(Parameter.ADVICE::isPlain).orElse(false)
                && r.value(Parameter.READ_AHEAD).map(Parameter.READ_AHEAD::isPlain).orElse(false);
    }

    static Cell cell(Row r) {
        List<Double> logs = new ArrayList<>();
        for (List<Double> fork : r.forks()) {
            double mean = fork.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            if (mean > 0) {
                logs.add(Math.log(r.threads() * 1e9 / mean));
            }
        }
        if (logs.isEmpty()) {
            return new Cell(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double m = logs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        if (logs.size() < 2) {
            return new Cell(Math.exp(m), Double.NaN, Double.NaN, 1);
        }
        double ss = logs.stream().mapToDouble(x -> (x - m) * (x - m)).sum();
        double half = new TDistribution(null, logs.size() - 1).inverseCumulativeProbability(0.5 + Interval.CONFIDENCE / 2)
                * Math.sqrt(ss / (logs.size() - 1) / logs.size());
        return new Cell(Math.exp(m), Math.exp(m - half), Math.exp(m + half), logs.size());
    }

    static String section(List<Row> rows) {
        List<Line> lines = of(rows);
        if (lines.isEmpty()) {
            return "";
        }
        TreeSet<Integer> counts = new TreeSet<>();
        lines.forEach(l -> counts.addAll(l.byThreads().keySet()));
        StringBuilder md = new StringBuilder("## Threads beyond cores, from the device\n\n");
        md.append("COLD random reads on more threads than the machine has cores. A blocking read (`pread`, or a page"
                + " fault) holds its thread until the device answers, so the device's queue holds at most one request"
                + " per waiting thread: more threads than cores can get more done, where one thread could not keep the"
                + " device busy. Operations per second of the whole run (N × 10⁹ / each thread's ns/op; every thread"
                + " runs its own `ops` after one eviction for all), with a 95% interval over the row's forks. A mapped"
                + " fault reads around its page, so N threads also load the file N times as fast and find more of it"
                + " cached: compare the mapped rows' evidence before reading their scaling as the device's.\n\n");
        md.append("| question | block, cache | memoryLimit | API |");
        counts.forEach(n -> md.append(' ').append(n).append(n == 1 ? " thread |" : " threads |"));
        md.append("\n|---|---|---|---|");
        counts.forEach(n -> md.append("---|"));
        md.append('\n');
        for (Line l : lines) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |", l.question(), l.block(), l.memoryLimit(), l.api()));
            for (int n : counts) {
                Cell c = l.byThreads().get(n);
                md.append(' ').append(c == null ? "" : rate(c.opsPerSec()) + (Double.isNaN(c.low()) ? " (one fork)"
                        : " [" + rate(c.low()) + "–" + rate(c.high()) + "]")).append(" |");
            }
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    private static String rate(double opsPerSec) {
        if (Double.isNaN(opsPerSec)) {
            return "n/a";
        }
        return opsPerSec >= 1e6 ? Numbers.fmt(opsPerSec / 1e6) + " M/s" : opsPerSec >= 1e3
                ? Numbers.fmt(opsPerSec / 1e3) + " k/s" : Numbers.fmt(opsPerSec) + "/s";
    }
}
