package mmapbench.report;

import mmapbench.ipc.NativeFloor;
import mmapbench.param.Parameter;
import mmapbench.profile.IoProfiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Java's round trip over the native floor of the same blocking channel, payload and placement,
 * from the {@value NativeFloor#FILE} the run wrote beside its results; and what sample mode's two
 * clock reads a round trip add. One line without the file; nothing for a run without IPC rows.
 */
record NativeFloorSection(Path floorFile, List<Row> rows) implements Section {

    static NativeFloorSection beside(Path resultFile, List<Row> rows) {
        return new NativeFloorSection(resultFile.toAbsolutePath().resolveSibling(NativeFloor.FILE), rows);
    }

    /** The benchmark JVM's context switches per round trip of the IPC rows at {@code l}'s channel, payload and cpus; NaN without. */
    private double javaSwitches(IpcLatencies.Latency l) {
        return rows.stream().filter(r -> r.benchmark().startsWith(IpcLatencies.BENCHMARK)
                        && r.value(Parameter.CHANNEL).orElse(null) == l.channel()
                        && r.value(Parameter.PAYLOAD).orElse(-1L) == l.payload()
                        && r.value(Parameter.CPUS).orElse(null) == l.cpus()
                        && r.secondary().containsKey(IoProfiler.SWITCHES))
                .mapToDouble(r -> r.secondary().get(IoProfiler.SWITCHES)).average().orElse(Double.NaN);
    }

    @Override
    public String markdown() {
        List<IpcLatencies.Latency> latencies = IpcLatencies.latencies(rows);
        if (latencies.stream().noneMatch(l -> NativeFloor.CHANNELS.contains(l.channel()))) {
            return "";
        }
        if (!Files.isRegularFile(floorFile)) {
            return "No native IPC floor in this run (" + NativeFloor.FILE + ": measured after the IPC leg where gcc is"
                    + " installed).\n\n";
        }
        NativeFloor.Floors floors;
        try {
            floors = NativeFloor.read(floorFile);
        } catch (IOException e) {
            return "The native IPC floor cannot be read: " + e.getMessage() + "\n\n";
        }
        StringBuilder md = new StringBuilder("## Java over the native floor\n\n");
        md.append("What the kernel alone costs for each blocking channel, measured in this run by a C ping-pong"
                + " (`src/main/c/ipc_floor.c`, built with ").append(floors.compiler()).append("): two processes"
                + " pinned as the Java pair is, the same payload and system calls (two pipes, a Unix stream socket"
                + " pair, a futex on shared memory). Java / native is the Java row's typical round trip (sample mode's"
                + " median, else average mode's mean) over the native median: two single measurements, so the ratio"
                + " has no interval. Context switches are per round trip, voluntary and involuntary: on each side of"
                + " the native pair, and of every thread of the benchmark JVM (`·switches`; its peer JVM is not"
                + " counted).\n\n");
        md.append("| channel | payload (B) | cpus | Java (µs) | native median (µs) | native mean (µs) | Java / native |"
                + " native switches per round trip (each side) | Java switches per round trip (benchmark JVM) |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        double fastest = Double.NaN;
        for (IpcLatencies.Latency l : latencies) {
            for (NativeFloor.Floor f : floors.floors()) {
                if (f.channel() != l.channel() || f.payload() != l.payload() || f.cpus() != l.cpus()) {
                    continue;
                }
                String java = micros(l.typical()) + (Double.isNaN(l.p50()) ? " (average mean)" : " (median)");
                if (f.error() != null) {
                    md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | failed: %s | | | | |%n", l.channel(),
                            l.payload(), l.cpus(), java, f.error()));
                    continue;
                }
                fastest = Double.isNaN(fastest) ? f.medianNs() : Math.min(fastest, f.medianNs());
                md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %.2fx | %.2f, %.2f | %s |%n",
                        l.channel(), l.payload(), l.cpus(), java, micros(f.medianNs()), micros(f.meanNs()),
                        l.typical() / f.medianNs(), f.parentContextSwitches(), f.childContextSwitches(),
                        Numbers.fmt(javaSwitches(l))));
            }
        }
        md.append('\n');
        double clock = floors.javaNanoTimeNs();
        md.append(String.format(Locale.ROOT, "Sample mode times each round trip it samples with two System.nanoTime"
                        + " calls; one cost %.1f ns in this run's launcher JVM (the same JDK and clocksource; C's"
                        + " clock_gettime: %s ns), so they add up to %.0f ns to each sample-mode figure%s. Average mode"
                        + " reads the clock once an iteration.%n%n", clock, clockRead(floors), 2 * clock,
                Double.isNaN(fastest) ? "" : String.format(Locale.ROOT, ", %.1f%% of the fastest native round trip"
                        + " above (%s µs)", 100 * 2 * clock / fastest, micros(fastest))));
        return md.toString();
    }

    private static String clockRead(NativeFloor.Floors floors) {
        return floors.floors().stream().filter(f -> f.error() == null).mapToDouble(NativeFloor.Floor::clockReadNs)
                .min().stream().mapToObj(v -> String.format(Locale.ROOT, "%.1f", v)).findFirst().orElse("n/a");
    }

    private static String micros(double nanos) {
        return Double.isNaN(nanos) ? "" : Numbers.fmt(nanos / 1000);
    }
}
