package mmapbench.report;

import mmapbench.file.Api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * {@code ./run-bench.sh compare A.json B.json [C.json ...]}: runs side by side, one column each,
 * lettered in the order given: their machines (a value that differs from A's is marked), their
 * verdicts, and every speed-up of every run, one group and pair a line, in the same order for all,
 * each with its 95% interval. The last column says whether the pair's class moved and which runs'
 * intervals do not overlap: two runs that differ by more than either's noise.
 */
final class RunComparison {

    private final List<Path> files;
    private final List<Report> reports;

    private RunComparison(List<Path> files, List<Report> reports) {
        this.files = files;
        this.reports = reports;
    }

    static String markdown(List<Path> files) throws BadResultFile {
        if (files.size() < 2) {
            throw new IllegalArgumentException("compare needs two runs or more, got " + files.size());
        }
        List<Report> reports = new ArrayList<>();
        for (Path f : files) {
            reports.add(Report.of(f));
        }
        RunComparison c = new RunComparison(files, reports);
        return c.title() + c.machines() + c.verdicts() + c.speedUps();
    }

    /** A, B, ... Z, then R27, R28, ...: the column of the i-th run. */
    static String letter(int i) {
        return i < 26 ? String.valueOf((char) ('A' + i)) : "R" + (i + 1);
    }

    private String title() {
        List<String> named = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            named.add(files.get(i) + " (" + letter(i) + ")");
        }
        String runs = named.size() == 2 ? named.get(0) + " against " + named.get(1)
                : String.join(", ", named.subList(0, named.size() - 1)) + " and " + named.getLast();
        return "# mmap-bench: " + runs + "\n\n";
    }

    private String header(String first) {
        StringBuilder h = new StringBuilder("| " + first + " |");
        for (int i = 0; i < reports.size(); i++) {
            h.append(' ').append(letter(i)).append(" |");
        }
        return h.append('\n').append("|---".repeat(reports.size() + 1)).append("|\n").toString();
    }

    private String machines() {
        List<Map<String, Object>> envs = reports.stream().map(Report::environment).toList();
        if (envs.stream().allMatch(Map::isEmpty)) {
            return "";
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        envs.forEach(e -> e.forEach(keys::putIfAbsent));
        StringBuilder md = new StringBuilder(header("machine"));
        for (String k : keys.keySet()) {
            Object first = envs.getFirst().get(k);
            md.append("| ").append(k).append(" | ").append(first == null ? "" : first).append(" |");
            for (Map<String, Object> e : envs.subList(1, envs.size())) {
                Object v = e.get(k);
                md.append(' ').append(v == null ? "" : v).append(Objects.equals(first, v) ? "" : " (differs)")
                        .append(" |");
            }
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    private String verdicts() {
        StringBuilder md = new StringBuilder("## Verdicts\n\n").append(header("question"));
        for (int q = 0; q < reports.getFirst().verdicts().size(); q++) {
            md.append("| ").append(reports.getFirst().verdicts().get(q).question().label()).append(" |");
            for (Report r : reports) {
                Verdict.QuestionVerdict v = r.verdicts().get(q);
                md.append(' ').append(v.answer().label)
                        .append(r.control().present() && !r.control().passed() ? " (control failed)" : "").append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** What makes a pair the same pair in two runs. */
    private record Key(Group group, Api mapped, Api other) {
        static Key of(Comparison c) {
            return new Key(c.group(), c.mapped(), c.other());
        }
    }

    private String speedUps() {
        // Per pair, each run's speed-up (null where the run lacks it), in the order the runs first show the pairs.
        Map<Key, Comparison[]> lines = new LinkedHashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            for (Comparison c : reports.get(i).comparisons()) {
                lines.computeIfAbsent(Key.of(c), k -> new Comparison[reports.size()])[i] = c;
            }
        }
        StringBuilder md = new StringBuilder("\n## Speed-ups, group by group\n\n")
                .append("| question | block, cache | mapped / other |");
        for (int i = 0; i < reports.size(); i++) {
            md.append(' ').append(letter(i)).append(" |");
        }
        md.append(" what changed |\n").append("|---".repeat(reports.size() + 4)).append("|\n");
        lines.forEach((key, runs) -> {
            md.append("| ").append(key.group().question().label()).append(" | ").append(key.group().label())
                    .append(" | ").append(key.mapped().method).append(" / ").append(key.other().method).append(" |");
            for (Comparison c : runs) {
                md.append(' ').append(c == null ? "" : c.figure()).append(" |");
            }
            md.append(' ').append(change(runs)).append(" |\n");
        });
        return md.toString();
    }

    /** "same: ...", "a → b", "only in A, C", then the pairs of runs whose intervals do not overlap. */
    static String change(Comparison[] runs) {
        List<Integer> present = new ArrayList<>();
        for (int i = 0; i < runs.length; i++) {
            if (runs[i] != null) {
                present.add(i);
            }
        }
        List<String> parts = new ArrayList<>();
        if (present.size() < runs.length) {
            parts.add("only in " + present.stream().map(RunComparison::letter).collect(Collectors.joining(", ")));
        }
        if (present.size() > 1) {
            boolean same = present.stream().allMatch(i -> runs[i].verdict() == runs[present.getFirst()].verdict());
            parts.add(same ? "same: " + runs[present.getFirst()].verdict().label
                    : present.stream().map(i -> runs[i].verdict().label).collect(Collectors.joining(" → ")));
        }
        List<String> apart = new ArrayList<>();
        for (int a = 0; a < present.size(); a++) {
            for (int b = a + 1; b < present.size(); b++) {
                if (apart(runs[present.get(a)].interval(), runs[present.get(b)].interval())) {
                    apart.add(letter(present.get(a)) + "–" + letter(present.get(b)));
                }
            }
        }
        if (!apart.isEmpty()) {
            parts.add("intervals apart: " + String.join(", ", apart));
        }
        return String.join("; ", parts);
    }

    /** Both intervals known, and neither reaches the other. */
    static boolean apart(Interval a, Interval b) {
        return a.bounded() && b.bounded() && (a.high() < b.low() || b.high() < a.low());
    }
}
