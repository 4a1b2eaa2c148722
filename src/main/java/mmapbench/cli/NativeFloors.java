package mmapbench.cli;

import mmapbench.ipc.NativeFloor;
import mmapbench.ipc.SharedMemoryPingPongBenchmark;
import mmapbench.param.Parameter;
import org.openjdk.jmh.annotations.Param;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The step after the IPC leg: the native floor of the blocking channels ({@link NativeFloor}) at
 * the payloads the leg ran, so that the report can say what Java adds over it. Nothing when the
 * plan has no IPC leg.
 */
final class NativeFloors {

    private NativeFloors() {
    }

    /** The payloads of the plan's IPC legs, as JMH runs them (the user's -p, the leg's, else the class's own); empty without one. */
    static List<Integer> payloads(List<LegPlanner.Planned> plan) {
        TreeSet<Integer> payloads = new TreeSet<>();
        for (LegPlanner.Planned p : plan) {
            if (p.benchmarks().stream().noneMatch(e -> e.getUserClassQName().equals(
                    SharedMemoryPingPongBenchmark.class.getName()))) {
                continue;
            }
            Collection<String> given = p.options().build().getParameter(Parameter.PAYLOAD.name)
                    .orElse(List.of(classDefaults()));
            for (String value : given) {
                payloads.add(Math.toIntExact(Parameter.PAYLOAD.parse(value)));
            }
        }
        return List.copyOf(payloads);
    }

    private static String[] classDefaults() {
        try {
            return SharedMemoryPingPongBenchmark.class.getField(Parameter.PAYLOAD.name).getAnnotation(Param.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("SharedMemoryPingPongBenchmark has no @Param " + Parameter.PAYLOAD, e);
        }
    }

    /** Measures the floors into the run folder; run-bench.sh starts the launcher in the source folder that holds the C source. */
    static void run(List<LegPlanner.Planned> plan, Path runDir, PrintStream out) throws IOException {
        List<Integer> payloads = payloads(plan);
        if (!payloads.isEmpty()) {
            NativeFloor.run(Path.of(System.getProperty("user.dir")), payloads, NativeFloor.ROUND_TRIPS, runDir, out);
        }
    }
}
