package mmapbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A file row ready to be compared: its group, its log fork spread (round by round), whether its
 * iterations are steady, and its variance moderated over its pool (a question in one cache state),
 * which only the published runs' method ({@link #overUnpaired}) uses: the report pairs rounds and
 * borrows no variance from other rows.
 */
public record Measured(Row row, Group group, Spread spread, Prior.Moderated variance, Optional<String> unsteady) {

    /** Every judgeable file row of a run (rows without a score or a group are left to {@link Skipped}). */
    public static List<Measured> of(List<Row> rows) {
        Map<Group.Pool, List<Row>> pools = new LinkedHashMap<>();
        Map<Row, Group> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!r.judgeable()) {
                continue;
            }
            Optional<Group> g = Group.of(r);
            if (g.isPresent()) {
                groups.put(r, g.get());
                pools.computeIfAbsent(g.get().pool(), l -> new ArrayList<>()).add(r);
            }
        }
        List<Measured> out = new ArrayList<>();
        pools.forEach((pool, members) -> {
            List<Spread> spreads = members.stream().map(r -> Spread.of(r.forks())).toList();
            Prior prior = Prior.of(spreads);
            for (int i = 0; i < members.size(); i++) {
                Row r = members.get(i);
                out.add(new Measured(r, groups.get(r), spreads.get(i), prior.moderate(spreads.get(i)),
                        Steadiness.check(r.forks())));
            }
        });
        return out;
    }

    /** The ratio of this row's time to {@code other}'s, with its 95% interval, paired round by round. */
    public Interval over(Measured other) {
        return Interval.paired(spread, other.spread);
    }

    /** As {@link #over}, with one-sided miss chances of its own at each end (simultaneous bounds). */
    public Interval over(Measured other, double lowTail, double highTail) {
        return Interval.paired(spread, other.spread, lowTail, highTail);
    }

    /** The ratio as the published runs before rounds computed it (moderated, unpaired): to compare the methods. */
    public Interval overUnpaired(Measured other) {
        return Interval.of(spread, variance, other.spread, other.variance);
    }
}
