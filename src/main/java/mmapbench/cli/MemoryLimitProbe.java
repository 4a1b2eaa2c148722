package mmapbench.cli;

import mmapbench.fixture.MemoryCgroup;
import mmapbench.fixture.MemoryLimit;
import mmapbench.param.Parameter;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.PrintStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's side of {@code memoryLimit}: a run that would limit memory is refused up front,
 * in one line, where no memory cgroup can be made (not root, no controller), instead of in a
 * forked JVM minutes later; and cgroups of JVMs that were killed are removed before a run.
 */
final class MemoryLimitProbe {

    private MemoryLimitProbe() {
    }

    /** Why the plan's memory limits cannot be used here, in one line with the fix; null when they can (or there are none). */
    static String refusal(List<LegPlanner.Planned> plan, CommandLineOptions user) {
        List<MemoryLimit> limits = new ArrayList<>();
        if (user.getParameter(Parameter.MEMORY_LIMIT.name).hasValue()) {
            // Checked already, as every -p value is, by ParamValues.
            user.getParameter(Parameter.MEMORY_LIMIT.name).get().forEach(v -> limits.add(Parameter.MEMORY_LIMIT.parse(v)));
        } else {
            plan.forEach(p -> limits.addAll(p.params().get(Parameter.MEMORY_LIMIT)));
        }
        return limits.stream().anyMatch(limit -> !limit.none()) ? MemoryCgroup.refusal() : null;
    }

    static void removeStale(PrintStream out) throws IOException {
        for (String line : MemoryCgroup.removeStale()) {
            out.println("mmap-bench: " + line);
        }
    }
}
