package mmapbench.cli;

import mmapbench.fixture.ReadAround;
import mmapbench.param.Parameter;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's side of {@code readAhead}: a run that would set the data device's read-around
 * is refused up front, in one line, where it cannot (not root, no block device), instead of in a
 * forked JVM minutes later; and a setting a killed run left behind is put back before a run.
 */
final class ReadAroundProbe {

    private ReadAroundProbe() {
    }

    /** Why a read-around of the plan cannot be set here, in one line with the fix; null when all can. */
    static String refusal(List<LegPlanner.Planned> plan, CommandLineOptions user, Path dataDir) {
        List<ReadAround> settings = new ArrayList<>();
        if (user.getParameter(Parameter.READ_AHEAD.name).hasValue()) {
            // Checked already, as every -p value is, by ParamValues.
            user.getParameter(Parameter.READ_AHEAD.name).get().forEach(v -> settings.add(Parameter.READ_AHEAD.parse(v)));
        } else {
            plan.forEach(p -> settings.addAll(p.params().get(Parameter.READ_AHEAD)));
        }
        for (ReadAround r : settings) {
            String why = r.refusal(dataDir);
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    static void restoreStale(Path dataDir, PrintStream out) throws IOException {
        for (String line : ReadAround.restoreStale(dataDir)) {
            out.println("mmap-bench: " + line);
        }
    }
}
