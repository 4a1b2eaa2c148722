package mmapbench.cli;

import mmapbench.fixture.MemoryCgroup;
import mmapbench.fixture.MemoryLimit;
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

    static void check(List<LegPlanner.Planned> plan, CommandLineOptions user) throws UsageException {
        List<String> values = new ArrayList<>();
        if (user.getParameter("memoryLimit").hasValue()) {
            values.addAll(user.getParameter("memoryLimit").get());
        } else {
            for (LegPlanner.Planned p : plan) {
                values.addAll(List.of(p.params().getOrDefault("memoryLimit", MemoryLimit.NONE_VALUE).split(",")));
            }
        }
        if (values.stream().anyMatch(v -> !v.equals(MemoryLimit.NONE_VALUE))) {
            String why = MemoryCgroup.refusal();
            if (why != null) {
                throw new UsageException(why);
            }
        }
    }

    static void removeStale(PrintStream out) throws IOException {
        for (String line : MemoryCgroup.removeStale()) {
            out.println("mmap-bench: " + line);
        }
    }
}
