package mmapbench.report;

import mmapbench.fixture.CacheState;
import mmapbench.rounds.AdaptiveRounds;
import mmapbench.rounds.RowSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What more rounds could decide: the groups whose decisive pair is undecided on the rows measured
 * so far, each with every row its decisive interval is made of (its APIs, its non-mapped partners,
 * its control twin), so that a round of them stays a round: the decisive interval's max-min takes
 * every API's bounds, and a row left out would keep its few rounds' wide bounds for good.
 */
public final class OpenGroups {

    private OpenGroups() {
    }

    /** @param looks the run's looks, as its report will judge them */
    public static List<AdaptiveRounds.Open> of(List<Row> rows, Looks looks) {
        List<Measured> measured = Measured.of(rows);
        List<AdaptiveRounds.Open> out = new ArrayList<>();
        for (Comparison c : Verdict.compare(measured, looks)) {
            if (!c.decisive() || c.verdict() != RatioClass.UNDECIDED) {
                continue;
            }
            Group g = c.group();
            Set<RowSpec> members = new LinkedHashSet<>();
            for (Measured m : measured) {
                if (m.group().equals(g) || m.group().equals(g.partners()) && !m.row().mapped()) {
                    members.add(spec(m.row()));
                }
            }
            int mapped = (int) measured.stream().filter(m -> m.group().equals(g) && m.row().mapped()).count();
            int others = (int) measured.stream().filter(m -> m.group().equals(g.partners()) && !m.row().mapped()
                    && !m.row().control()).count();
            // A COLD group, or one under a memory limit, leaves the files out of the page cache.
            boolean evicts = g.cache() == CacheState.COLD || g.variant().settings().containsKey(Variant.Param.MEMORY_LIMIT.name);
            out.add(new AdaptiveRounds.Open(key(g), members, c.interval().forks(),
                    Verdict.roundsToDecide(c.interval(), Verdict.tailOfDecisive(looks, mapped, others)), evicts));
        }
        return out;
    }

    /** A group's name in the rounds file: its question and label, and its file size (the label leaves it out). */
    static String key(Group g) {
        return g.question().name() + " " + g.label() + (g.fileSize().isEmpty() ? "" : ", fileSize=" + g.fileSize());
    }

    static RowSpec spec(Row r) {
        return RowSpec.of(r.benchmark(), r.mode(), r.threads(), r.params());
    }
}
