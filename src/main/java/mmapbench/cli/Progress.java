package mmapbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import mmapbench.fixture.WholeFile;
import mmapbench.report.BadResultFile;
import mmapbench.report.Report;
import mmapbench.report.RunStatus;
import org.openjdk.jmh.runner.RunnerException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /**
     * {@code legs} legs are done, and their JSON is whole. The status says so at once, as a run that
     * has not ended: a run killed from here on (SIGKILL, a crash, a power cut: no hook runs) leaves a
     * folder whose report says it is partial, not one that reads as complete.
     */
    void finished(int legs) throws IOException {
        finished = legs;
        writeStatus(new RunStatus(plan.size(), legs, notEnded(legs)));
    }

    /** The status beside the JSON, whole or not at all (as RunStatus writes it, but never leaving its temporary). */
    private void writeStatus(RunStatus status) throws IOException {
        WholeFile.write(json.resolveSibling(RunStatus.FILE),
                out -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, status));
    }

    /** The status of a run that is still running, or was killed after {@code legs} legs. */
    static String notEnded(int legs) {
        return "did not end: still running, or killed (SIGKILL, a crash, a power cut) after " + legs + " leg"
                + (legs == 1 ? "" : "s");
    }

    /** The run ended by itself: complete, or stopped by {@code failure} in the current leg. */
    void end(RunnerException failure) throws IOException {
        end(failure == null ? null : failure.getMessage());
    }

    /**
     * The run ended by itself: complete ({@code failure} null), or stopped by what {@code failure}
     * says (a leg that failed, a file that could not be written), where it had got to.
     */
    synchronized void end(String failure) throws IOException {
        if (ended) {
            return;
        }
        ended = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // Shutting down already: the hook has run or is running, and found the run ended.
        }
        keep(failure == null ? RunStatus.COMPLETE : "failed " + where() + ": " + failure);
    }

    /** "in leg 3 of 5 (...)", or before the first leg or after the last. */
    private String where() {
        if (finished == plan.size()) {
            return "after the last leg";
        }
        return current < 0 ? "before the first leg" : "in " + leg(current);
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

    /**
     * Writes the status and the report of the legs that finished, or removes a folder that holds
     * none. What cannot be written (a full disk) is said in the exception, and leaves nothing
     * half-written behind: no temporary file, no part of a report. The JSON is whole either way:
     * it was renamed into place after the last leg that finished.
     */
    private void keep(String how) throws IOException {
        Path dir = json.getParent();
        if (finished == 0) {
            deleteFolder(dir);
            if (!RunStatus.COMPLETE.equals(how)) {
                out.println("mmap-bench: no leg finished, so no results folder was kept");
            }
            return;
        }
        List<String> unwritten = new ArrayList<>();
        try {
            try {
                writeStatus(new RunStatus(plan.size(), finished, how));
            } catch (IOException | RuntimeException e) {
                unwritten.add(RunStatus.FILE + " (" + reason(e) + ")");
            }
            out.println();
            try {
                out.print(Report.of(json).write());
                out.println("mmap-bench: report, verdict and chart: " + dir.resolve(Report.MARKDOWN) + ", "
                        + Report.VERDICT + ", " + Report.CHART);
            } catch (BadResultFile e) {
                out.println("mmap-bench: no report: " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                unwritten.add("the report (" + reason(e) + ")");
                // Written in place, so whatever of it is there is part of a report.
                for (String part : List.of(Report.MARKDOWN, Report.VERDICT, Report.CHART)) {
                    Files.deleteIfExists(dir.resolve(part));
                }
            }
        } finally {
            RunFolder.removeTemporaries(dir);
        }
        out.println("mmap-bench: JMH result JSON: " + json + (finished < plan.size()
                ? String.format(Locale.ROOT, " (%d of %d legs)", finished, plan.size()) : ""));
        if (!unwritten.isEmpty()) {
            throw new IOException("could not write " + String.join(" or ", unwritten) + " in " + dir + "; the JMH"
                    + " result JSON of the " + finished + " finished leg" + (finished == 1 ? "" : "s") + " is whole:"
                    + " ./run-bench.sh report " + json + " writes the report once there is room");
        }
    }

    private static String reason(Exception e) {
        return e instanceof IOException io ? WholeFile.reason(io) : String.valueOf(e.getMessage());
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
