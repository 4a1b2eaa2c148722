package mmapbench.report;

import java.util.List;

/** "Every pair": per question, its plain pairs under the question's answer. */
record PairsSection(List<Verdict.QuestionVerdict> verdicts, List<Comparison> comparisons) implements Section {

    @Override
    public String markdown() {
        StringBuilder md = new StringBuilder("## Every pair\n\n");
        for (Verdict.QuestionVerdict q : verdicts) {
            md.append(new PairTable(comparisons, q.question(), Variant.PLAIN,
                    q.question().label() + ": " + q.answer().label).markdown());
        }
        return md.toString();
    }
}
