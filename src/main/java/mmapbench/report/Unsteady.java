package mmapbench.report;

import java.util.List;

/** A row whose iterations trend, as verdict.json and the report list it. */
public record Unsteady(Group group, String method, String what, String fix) {

    static List<Unsteady> of(List<Measured> measured) {
        return measured.stream().filter(m -> m.unsteady().isPresent()).map(m -> new Unsteady(m.group(),
                m.row().method(), m.unsteady().get(), Steadiness.FIX)).toList();
    }
}
