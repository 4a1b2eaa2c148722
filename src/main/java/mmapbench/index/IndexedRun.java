package mmapbench.index;

import mmapbench.file.Question;
import mmapbench.report.Comparison;
import mmapbench.report.Group;
import mmapbench.report.RunSummary;
import mmapbench.report.Verdict;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run of the index: its label ("R1"), its name (its folder's), and its verdict in brief.
 */
record IndexedRun(String label, String name, RunSummary summary) {

    /** What a decisive pair says of the lecture's claim, as the verdict counted it. */
    enum Bearing {
        FOR("✓", "it holds there"),
        AGAINST("✗", "it does not"),
        BORDER("~", "on its border"),
        UNDECIDED("?", "undecided (too noisy to say)");

        final String mark;
        final String meaning;

        Bearing(String mark, String meaning) {
            this.mark = mark;
            this.meaning = meaning;
        }
    }

    /** A group's decisive pair and what it says of the claim. */
    record Pair(Comparison comparison, Bearing bearing) {
    }

    Verdict.QuestionVerdict verdict(Question q) {
        return summary.questions().stream().filter(v -> v.question() == q).findFirst().orElseThrow();
    }

    /** The question's plain decisive pairs, in the report's group order. */
    Map<Group, Pair> pairs(Question q) {
        Verdict.QuestionVerdict v = verdict(q);
        Map<Group, Pair> out = new TreeMap<>();
        put(out, v.supporting(), Bearing.FOR);
        put(out, v.contradicting(), Bearing.AGAINST);
        put(out, v.border(), Bearing.BORDER);
        put(out, v.undecided(), Bearing.UNDECIDED);
        return out;
    }

    private static void put(Map<Group, Pair> out, List<Comparison> comparisons, Bearing bearing) {
        comparisons.forEach(c -> out.put(c.group(), new Pair(c, bearing)));
    }

    /** The run's control: passed, failed (not to be trusted) or absent. */
    String control() {
        if (!summary.controlPresent()) {
            return "none";
        }
        return summary.controlPassed() ? "passed" : "**failed**: not to be trusted";
    }
}
