package mmapbench.index;

import mmapbench.file.Question;
import mmapbench.fixture.Sizes;
import mmapbench.report.Comparison;
import mmapbench.report.Group;
import mmapbench.report.RatioClass;
import mmapbench.report.Verdict;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The index as Markdown: the runs, a row each, with their machines and their answers; then per
 * question a row per group and a column per run, so that one line shows where on which machine
 * the claim holds; then what was left out, and the chart.
 */
final class IndexMarkdown {

    private final List<IndexedRun> runs;
    private final List<NotIndexed> notIndexed;
    /** Where the Markdown goes: its links to the runs' folders are relative to it. */
    private final Path dir;

    IndexMarkdown(List<IndexedRun> runs, List<NotIndexed> notIndexed, Path dir) {
        this.runs = runs;
        this.notIndexed = notIndexed;
        this.dir = dir;
    }

    String markdown(String chartLine) {
        StringBuilder md = new StringBuilder("# mmap-bench: an index of " + runs.size()
                + (runs.size() == 1 ? " run" : " runs") + "\n\n");
        md.append("Whether a mapping is 10x faster is a property of a machine: what a system call costs there (CPU,"
                + " kernel, hypervisor, mitigations), what a fault reads and maps (read_ahead_kb, THP, file system),"
                + " the JDK. Each run is judged by this code from its JMH result file, not by the verdict.json it"
                + " wrote, so that all are judged alike; a fact its environment.json lacks is \"" + Fact.UNKNOWN
                + "\". Per question, each group's decisive pair (its faster mapped API against its fastest other API):"
                + " the other API's time over the mapped one's with its 95% interval, its class, and what it says of"
                + " the lecture's claim: " + marks() + "; blank where a run did not measure the group.\n\n");
        md.append(runsTable());
        for (Question q : Question.values()) {
            md.append(questionTable(q));
        }
        if (!notIndexed.isEmpty()) {
            md.append("## Not indexed\n\n");
            notIndexed.forEach(n -> md.append("- ").append(n.why()).append('\n'));
            md.append('\n');
        }
        return md.append(chartLine).append("\n").toString();
    }

    /** "✓ it holds there, ✗ it does not, ...". */
    private static String marks() {
        return Arrays.stream(IndexedRun.Bearing.values()).map(b -> b.mark + " " + b.meaning)
                .collect(Collectors.joining(", "));
    }

    private String runsTable() {
        StringBuilder md = new StringBuilder("## Runs\n\n| run | control |");
        for (Fact f : Fact.values()) {
            md.append(' ').append(f.heading).append(" |");
        }
        for (Question q : Question.values()) {
            md.append(' ').append(q.label()).append(" |");
        }
        md.append('\n').append("|---".repeat(2 + Fact.values().length + Question.values().length)).append("|\n");
        for (IndexedRun r : runs) {
            md.append("| ").append(r.label()).append(" [").append(cell(r.name())).append("](").append(link(r))
                    .append(") | ").append(r.control()).append(" |");
            for (Fact f : Fact.values()) {
                md.append(' ').append(cell(f.of(r.summary().environment()))).append(" |");
            }
            for (Question q : Question.values()) {
                md.append(' ').append(answer(r, q)).append(" |");
            }
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    /** The run's answer for the question, e.g. "holds only in part"; "not measured" where it has no data. */
    private static String answerWord(IndexedRun r, Question q) {
        Verdict.Answer a = r.verdict(q).answer();
        return a == Verdict.Answer.NO_DATA ? "not measured" : a.label;
    }

    /** E.g. "holds only in part (✓3 ✗10 ~1 ?1)". */
    private static String answer(IndexedRun r, Question q) {
        Verdict.QuestionVerdict v = r.verdict(q);
        if (v.answer() == Verdict.Answer.NO_DATA) {
            return answerWord(r, q);
        }
        return v.answer().label + " (" + IndexedRun.Bearing.FOR.mark + v.supporting().size() + " "
                + IndexedRun.Bearing.AGAINST.mark + v.contradicting().size() + " " + IndexedRun.Bearing.BORDER.mark
                + v.border().size() + " " + IndexedRun.Bearing.UNDECIDED.mark + v.undecided().size() + ")";
    }

    private String questionTable(Question q) {
        Set<Group> groups = new TreeSet<>();
        runs.forEach(r -> groups.addAll(r.pairs(q).keySet()));
        if (groups.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## " + q.label() + ": " + q.words() + " (the lecture: " + q.claim().label
                + ")\n\n| block, cache |");
        runs.forEach(r -> md.append(' ').append(r.label()).append(" |"));
        md.append('\n').append("|---".repeat(runs.size() + 1)).append("|\n| **answer** |");
        runs.forEach(r -> md.append(' ').append(answerWord(r, q)).append(" |"));
        md.append('\n');
        boolean severalFileSizes = groups.stream().map(Group::fileSize).distinct().count() > 1;
        for (Group g : groups) {
            md.append("| ").append(label(g, severalFileSizes)).append(" |");
            for (IndexedRun r : runs) {
                IndexedRun.Pair p = r.pairs(q).get(g);
                md.append(' ').append(p == null ? "" : figure(p)).append(" |");
            }
            md.append('\n');
        }
        return md.append('\n').toString();
    }

    /** E.g. "12.2x [10.7–14.0] ≈10x ✓". */
    static String figure(IndexedRun.Pair p) {
        Comparison c = p.comparison();
        return c.figure() + " " + shortClass(c.verdict()) + " " + p.bearing().mark;
    }

    static String shortClass(RatioClass c) {
        return switch (c) {
            case TEN_X -> "≈10x";
            case FASTER -> "faster";
            case SAME -> "same";
            case REVERSED -> "reversed";
            case BORDERLINE -> "on a border";
            case UNDECIDED -> "undecided";
        };
    }

    /** The group's label, with its file size where the runs' file sizes differ: the label alone would not tell. */
    static String label(Group g, boolean withFileSize) {
        if (!withFileSize || g.fileSize().isEmpty()) {
            return g.label();
        }
        try {
            return g.label() + ", file " + Sizes.format(Long.parseLong(g.fileSize()));
        } catch (NumberFormatException e) {
            return g.label() + ", file " + g.fileSize();
        }
    }

    /** The run's folder, relative to the index where it is near (results/index and results/<run>), else absolute. */
    private String link(IndexedRun r) {
        Path folder = r.summary().source().toAbsolutePath().normalize().getParent();
        Path rel = dir.toAbsolutePath().normalize().relativize(folder);
        long up = 0;
        for (Path part : rel) {
            up += part.toString().equals("..") ? 1 : 0;
        }
        String link = rel.toString().isEmpty() ? "." : up > 2 ? folder.toString() : rel.toString();
        return link.replace(" ", "%20");
    }

    /** A value as a table cell: a "|" would end it. */
    static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
