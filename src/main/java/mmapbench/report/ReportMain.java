package mmapbench.report;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code ./run-bench.sh report RESULT.json}: the verdict of one run, printed and written beside it.
 * {@code ./run-bench.sh compare A.json B.json}: two runs side by side, group by group.
 */
public final class ReportMain {

    private ReportMain() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (BadResultFile e) {
            System.err.println("mmap-bench: " + e.getMessage());
            status = 2;
        } catch (Exception e) {
            System.err.println("mmap-bench: the report failed: " + e);
            status = 1;
        }
        System.exit(status);
    }

    static int run(String... args) throws Exception {
        if (args.length == 2 && args[0].equals("report")) {
            Report report = Report.of(Path.of(args[1]));
            System.out.print(report.write());
            Path dir = Path.of(args[1]).toAbsolutePath().getParent();
            System.out.println("mmap-bench: report, verdict and chart written to " + dir.resolve(Report.MARKDOWN) + ", "
                    + Report.VERDICT + ", " + Report.CHART);
            return 0;
        }
        if (args.length == 3 && args[0].equals("compare")) {
            System.out.print(compare(Path.of(args[1]), Path.of(args[2])));
            return 0;
        }
        System.err.println("usage: ./run-bench.sh report RESULT.json | ./run-bench.sh compare A.json B.json");
        return 2;
    }

    /** The same groups in both runs, each with both speed-ups and what changed. */
    static String compare(Path a, Path b) throws BadResultFile {
        Report ra = Report.of(a);
        Report rb = Report.of(b);
        StringBuilder md = new StringBuilder();
        md.append("# mmap-bench: ").append(a).append(" (A) against ").append(b).append(" (B)\n\n");
        Map<String, Object> ea = ra.environment();
        Map<String, Object> eb = rb.environment();
        if (!ea.isEmpty() || !eb.isEmpty()) {
            md.append("| machine | A | B |\n|---|---|---|\n");
            Map<String, Object> keys = new LinkedHashMap<>(ea);
            eb.forEach(keys::putIfAbsent);
            for (String k : keys.keySet()) {
                Object va = ea.get(k);
                Object vb = eb.get(k);
                md.append("| ").append(k).append(" | ").append(va == null ? "" : va).append(" | ")
                        .append(vb == null ? "" : vb).append(Objects.equals(va, vb) ? "" : " (differs)").append(" |\n");
            }
            md.append('\n');
        }
        md.append("## Verdicts\n\n| question | A | B |\n|---|---|---|\n");
        for (int i = 0; i < ra.verdicts().size(); i++) {
            md.append("| ").append(ra.verdicts().get(i).question()).append(" | ").append(ra.verdicts().get(i).verdict())
                    .append(" | ").append(rb.verdicts().get(i).verdict()).append(" |\n");
        }
        md.append("\n## Speed-ups, group by group\n\n");
        md.append("| question | block, cache | mapped / other | A | B | what changed |\n|---|---|---|---|---|---|\n");
        Map<String, Verdict.Comparison> inB = new HashMap<>();
        for (Verdict.Comparison c : rb.comparisons()) {
            inB.put(key(c), c);
        }
        Map<String, Verdict.Comparison> inA = new HashMap<>();
        for (Verdict.Comparison c : ra.comparisons()) {
            inA.put(key(c), c);
            Verdict.Comparison cb = inB.get(key(c));
            md.append(line(c, c, cb));
        }
        for (Verdict.Comparison c : rb.comparisons()) {
            if (!inA.containsKey(key(c))) {
                md.append(line(c, null, c));
            }
        }
        return md.toString();
    }

    private static String key(Verdict.Comparison c) {
        return c.question() + "|" + c.group() + "|" + c.mapped() + "|" + c.other();
    }

    private static String line(Verdict.Comparison id, Verdict.Comparison a, Verdict.Comparison b) {
        String change;
        if (a == null || b == null) {
            change = a == null ? "only in B" : "only in A";
        } else if (a.verdict() == b.verdict()) {
            change = "same: " + a.verdict().label;
        } else {
            change = a.verdict().label + " → " + b.verdict().label;
        }
        return String.format(Locale.ROOT, "| %s | %s | %s / %s | %s | %s | %s |%n", id.question(), id.group(),
                id.mapped(), id.other(), a == null ? "" : ratio(a), b == null ? "" : ratio(b), change);
    }

    private static String ratio(Verdict.Comparison c) {
        return String.format(Locale.ROOT, "%sx [%s–%s]", Report.fmt(c.ratio()), Report.fmt(c.low()), Report.fmt(c.high()));
    }

}
