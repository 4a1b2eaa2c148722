package mmapbench.report;

import java.util.Map;

/** The machine the run measured, key by key as environment.json holds it; nothing when it is unknown. */
record MachineSection(Map<String, Object> environment) implements Section {

    @Override
    public String markdown() {
        if (environment.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("| machine | |\n|---|---|\n");
        environment.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        return md.append('\n').toString();
    }
}
