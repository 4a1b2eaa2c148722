package mmapbench.report;

import mmapbench.param.Parameter;
import mmapbench.stall.JvmStallBenchmark;
import mmapbench.stall.Stall;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JVM-wide stall ({@link JvmStallBenchmark}): per API and condition, what one thread's
 * reads cost the rest of the JVM, from the bystander's hiccups and the Flight Recorder's
 * safepoints; and in words, per condition, how long the JVM was stopped at p99 and at most,
 * through the mapping and through pread. Nothing for a run without such rows.
 */
record StallSection(List<Row> rows) implements Section {

    private static final String BENCHMARK = JvmStallBenchmark.class.getName() + ".";

    @Override
    public String markdown() {
        List<Row> mine = rows.stream().filter(r -> r.benchmark().startsWith(BENCHMARK)).toList();
        if (mine.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## The JVM-wide stall\n\n");
        md.append("One thread reads 4 KiB blocks at random while a bystander thread parks 1 ms at a time and then"
                + " allocates (so that the JVM collects, and stops, every so often). A thread in a page fault in Java"
                + " code holds up every safepoint until the fault is served; a thread in `pread` is in native code"
                + " and does not. Hiccup: how much later than 1 ms the bystander's park and allocation ended (p99:"
                + " the iterations' mean of each one's p99; max: the worst of any iteration). Safepoints and time to"
                + " safepoint (TTSP, the wait for the last thread to stop) from the JVM's Flight Recorder, per"
                + " iteration of `ops` reads.\n\n");
        md.append("| condition | API | per read (µs) | hiccup p99 (ms) | hiccup max (ms) | safepoints | TTSP total (ms)"
                + " | TTSP p99 (ms) | TTSP max (ms) | safepoint time (ms) |\n|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Map<String, Row>> byCondition = new TreeMap<>();
        for (Row r : mine) {
            byCondition.computeIfAbsent(condition(r), k -> new TreeMap<>()).put(r.method(), r);
        }
        byCondition.forEach((condition, apis) -> apis.forEach((api, r) -> md.append(String.format(Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", condition, api,
                Numbers.fmt(r.score() / r.value(Parameter.OPS).orElse(1L) / 1000), ms(r, Stall.HICCUP_P99),
                ms(r, Stall.HICCUP_MAX), Numbers.fmt(r.secondary().getOrDefault(Stall.SAFEPOINTS, Double.NaN)),
                ms(r, Stall.TTSP_TOTAL), ms(r, Stall.TTSP_P99), ms(r, Stall.TTSP_MAX), ms(r, Stall.SAFEPOINT_TIME)))));
        md.append('\n');
        byCondition.forEach((condition, apis) -> {
            md.append("- ").append(condition).append(": ");
            md.append(String.join("; ", apis.values().stream().map(StallSection::words).toList()));
            md.append(".\n");
        });
        md.append('\n');
        return md.toString();
    }

    private static String condition(Row r) {
        return r.text(Parameter.CACHE) + ", advice " + r.textOrPlain(Parameter.ADVICE) + ", memoryLimit "
                + r.textOrPlain(Parameter.MEMORY_LIMIT) + ", " + r.textOrPlain(Parameter.OPS) + " reads";
    }

    private static String words(Row r) {
        String through = r.method().equals("fileChannel") ? "through pread" : "through the mapping (" + r.method() + ")";
        return through + " the bystander was held up " + ms(r, Stall.HICCUP_P99) + " ms at p99 and "
                + ms(r, Stall.HICCUP_MAX) + " ms at most, the longest time to safepoint " + ms(r, Stall.TTSP_MAX) + " ms";
    }

    private static String ms(Row r, String metric) {
        Double v = r.secondary().get(metric);
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.3f", v / 1e6);
    }
}
