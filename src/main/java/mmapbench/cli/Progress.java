package mmapbench.cli;

import mmapbench.report.BadResultFile;
import mmapbench.report.Report;
import mmapbench.report.RunStatus;
import org.openjdk.jmh.runner.RunnerException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How far a run has got, and what it leaves behind however it ends: complete, failed in a leg, or
 * interrupted (Ctrl-C, SIGTERM: the JVM runs its shutdown hooks). A run that finished a leg keeps
 * its JSON, a {@link RunStatus} that says how far it got and why it stopped, and a report of what
 * it has; a run that finished none leaves no results folder at all.
 */
final class Progress {

    private final Path json;
    private final List<LegPlanner.Planned> plan;
    private final PrintStream out;
    private final Thread hook = new Thread(this::interrupted, "mmapbench-interrupted");
    private volatile int current = -1;
    private volatile int finished;
    private volatile boolean ended;

    Progress(Path json, List<LegPlanner.Planned> plan, PrintStream out) {
        this.json = json;
        this.plan = plan;
        this.out = out;
    }

    Path json() {
        return json;
    }

    int finished() {
        return finished;
    }

    void watchForInterrupts() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void starting(int leg) {
        current = leg;
    }

    void finished(int legs) {
        finished = legs;
    }

    /** The run ended by itself: complete, or stopped by {@code failure} in the current leg. */
    synchronized void end(RunnerException failure) throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // Shutting down already: the hook has run or is running, and found the run ended.
        }
        String how = failure == null ? RunStatus.COMPLETE : "failed in " + leg(current) + ": " + failure.getMessage();
        keep(how);
    }

    /** The shutdown hook: the JVM is going down before the run ended. */
    private synchronized void interrupted() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            out.println();
            out.println("mmap-bench: interrupted during " + (current < 0 ? "the preparation" : leg(current)));
            keep("interrupted (SIGINT or SIGTERM) during " + (current < 0 ? "the preparation" : leg(current)));
        } catch (IOException | RuntimeException e) {
            out.println("mmap-bench: could not keep the run's results: " + e.getMessage());
        }
        out.flush();
    }

    /** Writes the status and the report of the legs that finished, or removes a folder that holds none. */
    private void keep(String how) throws IOException {
        Path dir = json.getParent();
        if (finished == 0) {
            deleteFolder(dir);
            if (!RunStatus.COMPLETE.equals(how)) {
                out.println("mmap-bench: no leg finished, so no results folder was kept");
            }
            return;
        }
        new RunStatus(plan.size(), finished, how).writeBeside(json);
        out.println();
        try {
            out.print(Report.of(json).write());
            out.println("mmap-bench: report, verdict and chart: " + dir.resolve(Report.MARKDOWN) + ", "
                    + Report.VERDICT + ", " + Report.CHART);
        } catch (BadResultFile e) {
            out.println("mmap-bench: no report: " + e.getMessage());
        }
        out.println("mmap-bench: JMH result JSON: " + json + (finished < plan.size()
                ? String.format(Locale.ROOT, " (%d of %d legs)", finished, plan.size()) : ""));
    }

    private String leg(int i) {
        return String.format(Locale.ROOT, "leg %d of %d (%s)", i + 1, plan.size(), plan.get(i).label());
    }

    private static void deleteFolder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
