package mmapbench.report;

import mmapbench.file.Api;

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
                    + Report.VERDICT + ", " + Report.CHART + "; the speed-ups for CI to " + CiFiles.BENCHER + ", "
                    + CiFiles.BENCHMARK_ACTION);
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
            md.append("| ").append(ra.verdicts().get(i).question().label()).append(" | ")
                    .append(answer(ra, ra.verdicts().get(i))).append(" | ").append(answer(rb, rb.verdicts().get(i)))
                    .append(" |\n");
        }
        md.append("\n## Speed-ups, group by group\n\n");
        md.append("| question | block, cache | mapped / other | A | B | what changed |\n|---|---|---|---|---|---|\n");
        Map<Key, Comparison> inB = new HashMap<>();
        for (Comparison c : rb.comparisons()) {
            inB.put(Key.of(c), c);
        }
        Map<Key, Comparison> inA = new HashMap<>();
        for (Comparison c : ra.comparisons()) {
            inA.put(Key.of(c), c);
            md.append(line(c, c, inB.get(Key.of(c))));
        }
        for (Comparison c : rb.comparisons()) {
            if (!inA.containsKey(Key.of(c))) {
                md.append(line(c, null, c));
            }
        }
        return md.toString();
    }

    /** What makes a pair the same pair in two runs. */
    private record Key(Group group, Api mapped, Api other) {
        static Key of(Comparison c) {
            return new Key(c.group(), c.mapped(), c.other());
        }
    }

    private static String answer(Report r, Verdict.QuestionVerdict v) {
        return v.answer().label + (r.control().present() && !r.control().passed() ? " (control failed)" : "");
    }

    private static String line(Comparison id, Comparison a, Comparison b) {
        String change;
        if (a == null || b == null) {
            change = a == null ? "only in B" : "only in A";
        } else if (a.verdict() == b.verdict()) {
            change = "same: " + a.verdict().label;
        } else {
            change = a.verdict().label + " → " + b.verdict().label;
        }
        return String.format(Locale.ROOT, "| %s | %s | %s / %s | %s | %s | %s |%n", id.group().question().label(),
                id.group().label(), id.mapped().method, id.other().method, a == null ? "" : a.figure(),
                b == null ? "" : b.figure(), change);
    }
}
