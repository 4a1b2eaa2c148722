package mmapbench.report;

import mmapbench.rounds.AdaptiveRounds;
import mmapbench.rounds.RowSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What more rounds could decide: the groups whose decisive pair is undecided on the rows measured
 * so far, each with the rows a round of it needs: every API that may still be its side's best (a
 * row whose interval against its side's best lies wholly on the slow side of 1 cannot become the
 * best, and its bound no longer moves the decisive interval's max-min), and the group's control
 * twin, so that the extra rounds are checked as the minimum ones are.
 */
public final class OpenGroups {

    private OpenGroups() {
    }

    public static List<AdaptiveRounds.Open> of(List<Row> rows) {
        List<Measured> measured = Measured.of(rows);
        List<AdaptiveRounds.Open> out = new ArrayList<>();
        for (Comparison c : Verdict.compare(measured)) {
            if (!c.decisive() || c.verdict() != RatioClass.UNDECIDED) {
                continue;
            }
            Group g = c.group();
            Measured bestMapped = row(measured, g, c.mapped().method);
            Measured bestOther = row(measured, g.partners(), c.other().method);
            Set<RowSpec> members = new LinkedHashSet<>();
            for (Measured m : measured) {
                boolean mine = m.group().equals(g);
                if (mine && m.row().control()) {
                    members.add(spec(m.row()));
                } else if (mine && m.row().mapped() && mayBeBest(m, bestMapped)
                        || m.group().equals(g.partners()) && !m.row().mapped() && !m.row().control()
                        && mayBeBest(m, bestOther)) {
                    members.add(spec(m.row()));
                }
            }
            out.add(new AdaptiveRounds.Open(g.question().name() + " " + g.label(), members, c.interval().forks(),
                    Verdict.roundsToDecide(c.interval())));
        }
        return out;
    }

    private static Measured row(List<Measured> measured, Group g, String method) {
        return measured.stream().filter(m -> m.group().equals(g) && m.row().method().equals(method)).findFirst()
                .orElseThrow();
    }

    /** Whether {@code m} may still be as fast as its side's best: its 95% interval over the best reaches 1. */
    private static boolean mayBeBest(Measured m, Measured best) {
        if (m == best) {
            return true;
        }
        Interval i = m.over(best);
        return !i.bounded() || i.low() <= 1;
    }

    static RowSpec spec(Row r) {
        return RowSpec.of(r.benchmark(), r.mode(), r.params());
    }
}
