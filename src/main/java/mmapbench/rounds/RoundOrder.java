package mmapbench.rounds;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order of one round: the leg's rows shuffled with the run's seeded random, so that whatever
 * changes over a round (drift, a host's episode, the page cache's slow decay) falls on every API
 * alike rather than on the one that always runs last. The control twins run last, after the row
 * each repeats (which keeps its shuffled place, so no API is always at an end): a drift across
 * the round then shows as a twin consistently slower, or faster, than its row.
 */
public final class RoundOrder {

    private RoundOrder() {
    }

    public static List<RowSpec> of(List<RowSpec> rows, Random random) {
        List<RowSpec> out = new ArrayList<>(rows.stream().filter(r -> !r.control()).sorted().toList());
        Collections.shuffle(out, random);
        List<RowSpec> controls = new ArrayList<>(rows.stream().filter(RowSpec::control).sorted().toList());
        Collections.shuffle(controls, random);
        out.addAll(controls);
        return out;
    }
}
