package mmapbench.report;

import java.util.List;

/**
 * Each variant (a madvise, a thread count, ...) with its own answer, decisive pairs and pair
 * table, kept apart from the plain verdict; nothing when the run has no variants.
 */
record VariantsSection(List<Verdict.QuestionVerdict> variants, List<Comparison> comparisons, Control control)
        implements Section {

    @Override
    public String markdown() {
        if (variants.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## Variants, each on its own\n\n");
        md.append("Never counted for or against the claim: each variant answers its own question, against the"
                + " non-mapped APIs' rows of the same variant (or their plain rows, for settings only a mapping"
                + " takes, such as madvise).\n\n");
        for (Verdict.QuestionVerdict v : variants) {
            md.append("### ").append(v.question().label()).append(", ").append(v.variant().label()).append("\n\n");
            md.append(FirstScreen.headline(v, control)).append("\n\n");
            for (Comparison c : comparisons) {
                if (c.decisive() && c.group().question() == v.question() && c.group().variant().equals(v.variant())) {
                    md.append("- ").append(FirstScreen.sentence(c)).append('\n');
                }
            }
            md.append('\n');
            md.append(new PairTable(comparisons, v.question(), v.variant(), null).markdown());
        }
        return md.toString();
    }
}
