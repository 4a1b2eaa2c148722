package mmapbench.report;

import java.util.List;
import java.util.Locale;

/** The rows whose iterations still move within a fork, and what to change so that they do not. */
record SteadinessSection(List<Unsteady> unsteady) implements Section {

    @Override
    public String markdown() {
        StringBuilder md = new StringBuilder("## Steadiness\n\n");
        if (unsteady.isEmpty()) {
            return md.append("Every row's iterations are steady within its forks.\n\n").toString();
        }
        md.append("These rows' iterations still move within a fork: they measure their own warm-up as much as the API."
                + " Fix: ").append(Steadiness.FIX).append(".\n\n");
        md.append("| question | block, cache | method | what moves |\n|---|---|---|---|\n");
        for (Unsteady u : unsteady) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", u.group().question().label(),
                    u.group().label(), u.method(), u.what()));
        }
        return md.append('\n').toString();
    }
}
