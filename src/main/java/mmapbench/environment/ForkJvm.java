package mmapbench.environment;

import mmapbench.fixture.JvmOptions;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The heap and the garbage collector of the JVMs that measure: JMH forks them with this JVM's
 * {@code java}, this JVM's own options and those of {@link JvmOptions#FORK} it lacks, and neither
 * sets a heap or a collector, so the JVM's ergonomics choose both from the machine's memory and
 * CPUs. Rather than repeat those rules, a JVM is started with the same options and
 * {@code -XX:+PrintFlagsFinal -version}, and its final flags are read. JMH options given after
 * {@code --} ({@code -jvmArgs}) are not known here and would change what the forks run with.
 */
final class ForkJvm {

    /** The collectors a HotSpot JVM can run, by the flag that selects each. */
    private static final Map<String, String> COLLECTORS = collectors();

    private ForkJvm() {
    }

    private static Map<String, String> collectors() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("UseSerialGC", "Serial");
        c.put("UseParallelGC", "Parallel");
        c.put("UseG1GC", "G1");
        c.put("UseZGC", "ZGC");
        c.put("UseShenandoahGC", "Shenandoah");
        c.put("UseEpsilonGC", "Epsilon");
        return c;
    }

    /** The JVM options a fork runs with, as JMH starts it: this JVM's, then those of FORK it lacks. */
    static List<String> forkOptions() {
        List<String> options = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        for (String option : JvmOptions.FORK) {
            if (!options.contains(option)) {
                options.add(option);
            }
        }
        return options;
    }

    /** {@code forkJvm}: the forks' maximum heap and collector, and how they were found; an error line when they were not. */
    static Map<String, Object> capture() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(forkOptions());
        command.add("-XX:+PrintFlagsFinal");
        command.add("-version");
        Map<String, Object> env = new LinkedHashMap<>();
        String flags = SystemText.output(Path.of("/"), command.toArray(String[]::new));
        Long maxHeap = flags == null ? null : flag(flags, "MaxHeapSize");
        if (maxHeap == null) {
            env.put("error", "java -XX:+PrintFlagsFinal -version with the forks' options printed no MaxHeapSize");
            return env;
        }
        env.put("maxHeapBytes", maxHeap);
        env.put("maxHeap", String.format(Locale.ROOT, "%.1f GiB", maxHeap / (double) (1L << 30)));
        env.put("gc", collector(flags));
        env.put("how", "java -XX:+PrintFlagsFinal -version with the forks' options " + forkOptions());
        return env;
    }

    /** The collector whose Use flag is true in PrintFlagsFinal's {@code flags}; null when none is. */
    static String collector(String flags) {
        for (Map.Entry<String, String> c : COLLECTORS.entrySet()) {
            if ("true".equals(value(flags, c.getKey()))) {
                return c.getValue();
            }
        }
        return null;
    }

    /** A numeric flag's value in PrintFlagsFinal's output, or null. */
    static Long flag(String flags, String name) {
        String v = value(flags, name);
        try {
            return v == null ? null : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The value of {@code name} in lines such as "   size_t MaxHeapSize    = 6316621824    {product} {ergonomic}". */
    private static String value(String flags, String name) {
        for (String line : flags.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[1].equals(name) && f[2].equals("=")) {
                return f[3];
            }
        }
        return null;
    }
}
