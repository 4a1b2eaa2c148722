package mmapbench.cli;

import mmapbench.environment.EnvironmentFile;
import mmapbench.environment.RunClock;
import mmapbench.fixture.DataFile;
import mmapbench.fixture.DataFolder;
import mmapbench.ipc.SharedFiles;
import mmapbench.param.Parameter;
import mmapbench.report.BadResultFile;
import mmapbench.report.JmhResults;
import mmapbench.report.Looks;
import mmapbench.report.OpenGroups;
import mmapbench.report.Report;
import mmapbench.rounds.AdaptiveRounds;
import mmapbench.rounds.RoundsLog;
import mmapbench.rounds.RowSpec;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The body of {@code run-bench.sh}: checks the user's input before anything is written, makes
 * the data files, runs the profile's legs through JMH's {@link Runner}, keeps JMH's result JSON
 * of every finished leg in a new folder under {@code results/}, and prints the verdict.
 */
public final class RunBench {

    /** The default file size: more than one MappedByteBuffer (2 GiB) can map. */
    static final long DEFAULT_FILE_SIZE = 4L << 30;

    private RunBench() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(Arguments.parse(args), System.out);
        } catch (UsageException e) {
            System.err.println("mmap-bench: " + e.getMessage());
            status = 2;
        } catch (RunnerException | IOException | RuntimeException e) {
            System.err.println("mmap-bench: the run failed: " + describe(e));
            status = 1;
        }
        System.exit(status);
    }

    /** An exception as one line: its message, or its type where it has none. */
    static String describe(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    }

    static int run(Arguments a, PrintStream out) throws UsageException, IOException, RunnerException {
        return run(a, out, RunLock.defaultFile());
    }

    static int run(Arguments a, PrintStream out, Path lockFile) throws UsageException, IOException, RunnerException {
        CommandLineOptions user = jmhOptions(a);
        if (isListing(user)) {
            // Listings are JMH's own business; it prints and exits.
            org.openjdk.jmh.Main.main(a.jmhArgs().toArray(String[]::new));
            return 0;
        }
        // Everything that can be refused is refused before anything is written.
        List<String> fileSizes = fileSizes(a, user);
        Path dataDir = a.dataDir().toAbsolutePath().normalize();
        List<LegPlanner.Planned> plan = LegPlanner.plan(a.profile(), user, fileSizes, dataDir);
        if (plan.isEmpty()) {
            throw new UsageException("no benchmark of the " + a.profile().name().toLowerCase(Locale.ROOT)
                    + " profile matches " + user.getIncludes() + ": java -jar target/benchmarks.jar -l lists them");
        }
        ParamValues.check(plan, user, a.jmhArgs());
        Rounds rounds = Rounds.of(a, user);
        // What needs root (a memory cgroup, read_ahead_kb) is said all at once, not one refusal a try.
        refuse(MemoryLimitProbe.refusal(plan, user), ReadAroundProbe.refusal(plan, user, dataDir));
        CacheStateProbe.check(plan, user, dataDir, fileSizes);
        try (RunLock ignored = RunLock.acquire(lockFile, "./run-bench.sh --" + a.profile().name().toLowerCase(Locale.ROOT))) {
            // JMH's lock lives beside ours, in the temporary folder.
            String jmhLock = JmhLock.check(lockFile.resolveSibling(JmhLock.FILE));
            if (jmhLock != null) {
                out.println("mmap-bench: " + jmhLock);
            }
            checkDataDir(a, dataDir, out);
            MemoryLimitProbe.removeStale(out);
            ReadAroundProbe.restoreStale(dataDir, out);
            SharedFiles.removeStale().forEach(line -> out.println("mmap-bench: " + line));
            Set<DataFile.Kind> kinds = LegPlanner.dataFiles(plan);
            if (FirstMinuteRun.runs(a.profile(), user)) {
                kinds.add(FirstMinuteRun.DATA_FILE);
            }
            checkSpace(dataDir, kinds, fileSizes, out);
            String killedRuns = RunFolder.removeLeftovers(a.resultsDir());
            if (killedRuns != null) {
                out.println("mmap-bench: " + killedRuns);
            }
            Path runDir = RunFolder.create(a.resultsDir(), a.profile());
            Progress progress = new Progress(runDir.resolve(RunFolder.RESULT_FILE), plan, out);
            progress.watchForInterrupts();
            RunnerException failure;
            try {
                Path environment = runDir.resolve(EnvironmentFile.FILE);
                EnvironmentFile.write(EnvironmentFile.capture(dataDir, a.profile().name().toLowerCase(Locale.ROOT),
                        fileSizes), environment);
                RunClock clock = RunClock.start();
                makeDataFiles(dataDir, kinds, fileSizes, out);
                out.println("mmap-bench: " + rounds.describe(plan));
                failure = runLegs(plan, rounds, progress, out);
                if (failure == null) {
                    NativeFloors.run(plan, runDir, out);
                    FirstMinuteRun.run(a.profile(), user, dataDir, fileSizes, runDir, out);
                }
                if (failure == null && (a.withFio() || a.profile() == Profile.FULL)) {
                    CrossCheck.run(a.withFio(), plan, dataDir, fileSizes, runDir, out);
                }
                try {
                    EnvironmentFile.finish(environment, clock);
                } catch (IOException | RuntimeException e) {
                    // The run's own results matter more than the note of how it went.
                    out.println("mmap-bench: " + EnvironmentFile.FILE + " lacks the run's end: " + describe(e));
                }
            } catch (IOException | RuntimeException e) {
                // A file that could not be written (a full disk), a data file that could not be made:
                // the run stops, keeps the legs it finished and says why, as after a failed leg (and
                // not as an interrupted one, which is what the shutdown hook would say).
                try {
                    progress.end(describe(e));
                } catch (IOException alsoUnwritten) {
                    out.println("mmap-bench: " + describe(alsoUnwritten));
                }
                throw e;
            }
            progress.end(failure);
            if (failure != null) {
                throw new RunnerException(failure.getMessage() + (progress.finished() == 0
                        ? "; no leg finished, so nothing was kept"
                        : "; the results of the legs before it are in " + progress.json()), failure);
            }
            return 0;
        }
    }

    /** Refuses the run in one line that holds every refusal given, if any. */
    private static void refuse(String... refusals) throws UsageException {
        List<String> found = Arrays.stream(refusals).filter(Objects::nonNull).toList();
        if (!found.isEmpty()) {
            throw new UsageException(String.join("; and ", found));
        }
    }

    /** The user's JMH options, checked: JMH's own parser, and no result-file options (the run folder owns those). */
    private static CommandLineOptions jmhOptions(Arguments a) throws UsageException {
        CommandLineOptions user;
        try {
            user = new CommandLineOptions(a.jmhArgs().toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new UsageException("JMH option: " + e.getMessage() + " (java -jar target/benchmarks.jar -h lists them)");
        }
        if (!isListing(user) && (user.getResult().hasValue() || user.getResultFormat().hasValue())) {
            throw new UsageException("-rf and -rff are set by run-bench.sh (JSON in a new folder under --results-dir):"
                    + " leave them out, or run java -jar target/benchmarks.jar yourself");
        }
        return user;
    }

    private static boolean isListing(CommandLineOptions user) {
        return user.shouldHelp() || user.shouldList() || user.shouldListWithParams() || user.shouldListProfilers()
                || user.shouldListResultFormats();
    }

    private static List<String> fileSizes(Arguments a, CommandLineOptions user) throws UsageException {
        if (!user.getParameter(Parameter.FILE_SIZE.name).hasValue()) {
            return List.of(String.valueOf(a.fileSize() == null ? DEFAULT_FILE_SIZE : a.fileSize()));
        }
        if (a.fileSize() != null) {
            throw new UsageException("the file size is given twice (--file-size and -p fileSize): give it once");
        }
        List<String> sizes = new ArrayList<>(user.getParameter(Parameter.FILE_SIZE.name).get());
        for (String size : sizes) {
            try {
                if (Long.parseLong(size) <= 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new UsageException("-p fileSize=" + size + " is not a positive number of bytes: use e.g."
                        + " -p fileSize=4294967296, or --file-size 4g");
            }
        }
        return sizes;
    }

    /**
     * The data folder, made when it is the default one, checked, and cleared of what killed runs
     * left half-written.
     */
    private static void checkDataDir(Arguments a, Path dataDir, PrintStream out) throws UsageException, IOException {
        if (!a.dataDirGiven()) {
            Files.createDirectories(dataDir);
        }
        try {
            DataFolder.checkFolder(dataDir);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String removed = DataFolder.removeLeftovers(dataDir);
        if (removed != null) {
            out.println("mmap-bench: " + removed);
        }
    }

    private static void checkSpace(Path dataDir, Set<DataFile.Kind> kinds, List<String> fileSizes, PrintStream out)
            throws UsageException {
        long toWrite = 0;
        for (String size : fileSizes) {
            for (DataFile.Kind kind : kinds) {
                toWrite += DataFile.bytesToWrite(dataDir, kind, Long.parseLong(size));
            }
        }
        try {
            DataFolder.checkFreeSpace(dataDir, toWrite);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String warning = DataFolder.tmpfsWarning(dataDir);
        if (warning != null) {
            out.println("mmap-bench: " + warning);
        }
    }

    private static void makeDataFiles(Path dataDir, Set<DataFile.Kind> kinds, List<String> fileSizes, PrintStream out)
            throws IOException {
        for (String size : fileSizes) {
            for (DataFile.Kind kind : kinds) {
                DataFile.ensure(dataDir, kind, Long.parseLong(size), out);
            }
        }
    }

    /**
     * Runs the legs as rounds ({@link AdaptiveRounds}), writing the JSON of every row measured so
     * far and the rounds file after each round, so that a run stopped at any point keeps what it
     * finished. Returns the failure that stopped it, if any.
     */
    private static RunnerException runLegs(List<LegPlanner.Planned> plan, Rounds rounds, Progress progress,
                                           PrintStream out) throws IOException {
        JmhRounds forks = new JmhRounds();
        List<AdaptiveRounds.Leg> legs = new ArrayList<>();
        for (LegPlanner.Planned p : plan) {
            List<RowSpec> rows = forks.add(p, JmhRounds.rows(p));
            legs.add(new AdaptiveRounds.Leg(p.label(), rows, rounds.minRounds(p)));
        }
        Path roundsFile = progress.json().resolveSibling(RoundsLog.FILE);
        // As the report will judge them: the file legs' minimum rounds, and the cap.
        Looks looks = new Looks(legs.stream().mapToInt(AdaptiveRounds.Leg::minRounds).max().orElse(0),
                rounds.budget().maxRounds());
        AdaptiveRounds.Judge judge = () -> {
            try {
                return OpenGroups.of(JmhResults.read(progress.json()), looks);
            } catch (BadResultFile e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        };
        AdaptiveRounds.Listener listener = new AdaptiveRounds.Listener() {
            @Override
            public void roundDone(RoundsLog log, boolean keep) throws IOException {
                if (keep) {
                    RunFolder.writeJson(forks.results(), progress.json());
                }
                log.write(roundsFile);
            }

            @Override
            public void legDone(int leg) throws IOException {
                progress.finished(leg + 1);
            }

            @Override
            public void starting(int leg, String line) {
                progress.starting(leg);
                out.printf(Locale.ROOT, "%nmmap-bench: %s%n", line);
            }
        };
        return new AdaptiveRounds(legs, rounds.budget(), rounds.seed(), System::nanoTime).run(forks, judge, listener);
    }
}
