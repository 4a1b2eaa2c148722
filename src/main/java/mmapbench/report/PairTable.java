package mmapbench.report;

import mmapbench.file.Question;

import java.util.List;
import java.util.Locale;

/**
 * Every pair of one question and variant, group by group, with its speed-up and class; nothing
 * when the run has none.
 *
 * @param title its heading, or null where the section around it already has one
 */
record PairTable(List<Comparison> comparisons, Question question, Variant variant, String title) implements Section {

    @Override
    public String markdown() {
        List<Comparison> mine = comparisons.stream()
                .filter(c -> c.group().question() == question && c.group().variant().equals(variant)).toList();
        if (mine.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder();
        if (title != null) {
            md.append("### ").append(title).append("\n\n");
        }
        md.append("| block, cache | mapped / other | speed-up [95%] | class | |\n|---|---|---|---|---|\n");
        for (Comparison c : mine) {
            md.append(String.format(Locale.ROOT, "| %s | %s / %s | %s | %s | %s |%n", c.group().label(),
                    c.mapped().method, c.other().method, c.figure(), c.verdictLabel(),
                    (c.decisive() ? "decisive" : "") + (c.steady() ? "" : " unsteady")));
        }
        return md.append('\n').toString();
    }
}
