package mmapbench.cli;

import mmapbench.fio.Fio;
import mmapbench.fixture.DataFile;
import mmapbench.fixture.Offsets;
import mmapbench.fixture.Sizes;
import mmapbench.profile.IoProfiler;
import mmapbench.report.BadResultFile;
import mmapbench.report.Environment;
import mmapbench.report.Report;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;

/**
 * The body of {@code run-bench.sh}: checks the user's input before anything is written, makes
 * the data files, runs the profile's legs through JMH's {@link Runner} and writes one JMH result
 * JSON per run into a new folder under {@code results/}.
 */
public final class RunBench {

    static final String HELP_HINT = "see ./run-bench.sh --help";
    /** The default file size: more than one MappedByteBuffer (2 GiB) can map. */
    static final long DEFAULT_FILE_SIZE = 4 * Sizes.GIB;
    static final String RESULT_FILE = "jmh-result.json";
    /** The fio binary: {@code fio} on the PATH unless the mmapbench.fio property names another. */
    static final String FIO = System.getProperty("mmapbench.fio", "fio");
    private static final String PACKAGE = "mmapbench.";
    /**
     * Options every benchmark JVM needs (the classes' {@code @Fork} has them too, but options given
     * here replace the annotation's): FFM downcalls are restricted, and JMH 1.37 still uses
     * sun.misc.Unsafe, which JDK 24+ warns about on every fork.
     */
    private static final List<String> FORK_OPTIONS = List.of("--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow");

    /** What the user asked for. {@code fileSize} is null when not given. */
    record Settings(Profile profile, Long fileSize, Path dataDir, boolean dataDirGiven, Path resultsDir,
                    boolean withFio, List<String> jmhArgs) {
    }

    private RunBench() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(parse(args), System.out);
        } catch (UsageException e) {
            System.err.println("mmap-bench: " + e.getMessage());
            status = 2;
        } catch (RunnerException | IOException | RuntimeException e) {
            System.err.println("mmap-bench: the run failed: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    static Settings parse(String... args) throws UsageException {
        Profile profile = null;
        Long fileSize = null;
        Path dataDir = Path.of(DataFile.DEFAULT_DATA_DIR);
        boolean dataDirGiven = false;
        Path resultsDir = Path.of("results");
        boolean withFio = false;
        List<String> jmhArgs = List.of();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--" -> {
                    jmhArgs = List.of(Arrays.copyOfRange(args, i + 1, args.length));
                    i = args.length;
                }
                case "--quick", "--full" -> {
                    Profile chosen = name.equals("--quick") ? Profile.QUICK : Profile.FULL;
                    if (profile != null && profile != chosen) {
                        throw new UsageException("--quick and --full exclude each other: give one of them");
                    }
                    profile = chosen;
                }
                case "--file-size" -> {
                    String value = value(args, i, arg, "4g");
                    i += arg.contains("=") ? 0 : 1;
                    try {
                        fileSize = Sizes.parse(value);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--file-size " + e.getMessage());
                    }
                }
                case "--data-dir" -> {
                    dataDir = Path.of(value(args, i, arg, "/mnt/scratch"));
                    i += arg.contains("=") ? 0 : 1;
                    dataDirGiven = true;
                }
                case "--with-fio" -> withFio = true;
                case "--results-dir" -> {
                    resultsDir = Path.of(value(args, i, arg, "results"));
                    i += arg.contains("=") ? 0 : 1;
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UsageException("unknown option '" + arg + "': " + HELP_HINT
                                + " (JMH's own options go after --)");
                    }
                    throw new UsageException("unexpected argument '" + arg + "': JMH options go after --, as in"
                            + " ./run-bench.sh -- RandomRead -p blockSize=8");
                }
            }
        }
        return new Settings(profile == null ? Profile.QUICK : profile, fileSize, dataDir, dataDirGiven, resultsDir,
                withFio, jmhArgs);
    }

    private static String value(String[] args, int i, String arg, String example) throws UsageException {
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                : i + 1 < args.length ? args[i + 1] : null;
        if (value == null || value.isEmpty() || (!arg.contains("=") && value.startsWith("--"))) {
            throw new UsageException(name + " needs a value, e.g. " + name + " " + example);
        }
        return value;
    }

    /** One leg, resolved against the user's JMH options: what it will run and with which options. */
    record Planned(Profile.Leg leg, String label, Map<String, String> params, SortedSet<BenchmarkListEntry> benchmarks,
                   OptionsBuilder options) {
    }

    static int run(Settings s, PrintStream out) throws UsageException, IOException, RunnerException {
        CommandLineOptions user;
        try {
            user = new CommandLineOptions(s.jmhArgs().toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new UsageException("JMH option: " + e.getMessage() + " (java -jar target/benchmarks.jar -h lists them)");
        }
        if (user.shouldHelp() || user.shouldList() || user.shouldListWithParams() || user.shouldListProfilers()
                || user.shouldListResultFormats()) {
            // Listings are JMH's own business; it prints and exits.
            org.openjdk.jmh.Main.main(s.jmhArgs().toArray(String[]::new));
            return 0;
        }
        if (user.getResult().hasValue() || user.getResultFormat().hasValue()) {
            throw new UsageException("-rf and -rff are set by run-bench.sh (JSON in a new folder under --results-dir):"
                    + " leave them out, or run java -jar target/benchmarks.jar yourself");
        }

        List<String> fileSizes = fileSizes(s, user);
        Path dataDir = s.dataDir().toAbsolutePath().normalize();
        if (!s.dataDirGiven()) {
            Files.createDirectories(dataDir);
        }
        try {
            DataFile.checkFolder(dataDir);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }

        List<Planned> plan = plan(s, user, fileSizes, dataDir);
        if (plan.isEmpty()) {
            throw new UsageException("no benchmark of the " + s.profile().name().toLowerCase(Locale.ROOT)
                    + " profile matches " + user.getIncludes() + ": java -jar target/benchmarks.jar -l lists them");
        }

        Set<DataFile.Kind> kinds = kindsNeeded(plan);
        long toWrite = 0;
        for (String size : fileSizes) {
            for (DataFile.Kind kind : kinds) {
                toWrite += DataFile.bytesToWrite(dataDir, kind, Long.parseLong(size));
            }
        }
        try {
            DataFile.checkFreeSpace(dataDir, toWrite);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String warning = DataFile.tmpfsWarning(dataDir);
        if (warning != null) {
            out.println("mmap-bench: " + warning);
        }

        Path runDir = newRunFolder(s.resultsDir(), s.profile());
        Environment.write(Environment.capture(dataDir, s.profile().name().toLowerCase(Locale.ROOT), fileSizes),
                runDir.resolve(Environment.FILE));
        for (String size : fileSizes) {
            for (DataFile.Kind kind : kinds) {
                DataFile.ensure(dataDir, kind, Long.parseLong(size), out);
            }
        }

        List<RunResult> results = new ArrayList<>();
        RunnerException failure = null;
        for (int i = 0; i < plan.size(); i++) {
            Planned p = plan.get(i);
            out.printf(Locale.ROOT, "%nmmap-bench: leg %d of %d: %s (%d benchmark methods)%n", i + 1, plan.size(),
                    p.label(), p.benchmarks().stream().map(BenchmarkListEntry::getUsername).distinct().count());
            try {
                results.addAll(new Runner(p.options().build()).run());
            } catch (RunnerException e) {
                failure = e;
                break;
            }
        }
        Path json = runDir.resolve(RESULT_FILE);
        writeJson(results, json);
        if (failure == null && (s.withFio() || s.profile() == Profile.FULL)) {
            long runtime = (user.getMeasurementTime().hasValue() ? user.getMeasurementTime().get()
                    : s.profile().measurementTime).convertTo(java.util.concurrent.TimeUnit.MILLISECONDS);
            crossCheck(s.withFio(), plan, dataDir, fileSizes, runtime, runDir, out);
        }
        out.println();
        if (!results.isEmpty()) {
            try {
                out.print(Report.of(json).write());
                out.println("mmap-bench: report, verdict and chart: " + runDir.resolve(Report.MARKDOWN) + ", "
                        + Report.VERDICT + ", " + Report.CHART);
            } catch (BadResultFile e) {
                out.println("mmap-bench: no report: " + e.getMessage());
            }
        }
        out.println("mmap-bench: JMH result JSON: " + json);
        if (failure != null) {
            throw new RunnerException(failure.getMessage() + "; the results of the legs before it are in " + json,
                    failure);
        }
        return 0;
    }

    /**
     * Runs fio on the same files, block sizes, patterns and cache states as the file legs, after
     * them, so that it disturbs no JMH number. Missing fio is said, not fatal.
     */
    private static void crossCheck(boolean asked, List<Planned> plan, Path dataDir, List<String> fileSizes,
                                   long runtimeMillis, Path runDir, PrintStream out) throws IOException {
        String version = Fio.version(FIO);
        if (version == null) {
            out.println("mmap-bench: fio is not installed" + (asked ? "" : " (the full profile uses it when it is)")
                    + ": no native cross-check; apt-get install fio");
            return;
        }
        List<Fio.Job> jobs = new ArrayList<>();
        for (Planned p : plan) {
            if (!p.leg().methods().isEmpty() || !p.params().containsKey("blockSize")) {
                continue;
            }
            for (String cls : p.benchmarks().stream().map(RunBench::simpleClassName).distinct().toList()) {
                String question = cls.replace("Benchmark", "");
                for (String block : p.params().get("blockSize").split(",")) {
                    for (String cache : p.params().get("cache").split(",")) {
                        for (String engine : Fio.ENGINES) {
                            Fio.Job job = new Fio.Job(question, Integer.parseInt(block), cache, engine);
                            if (!jobs.contains(job)) {
                                jobs.add(job);
                            }
                        }
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "%nmmap-bench: %s cross-check: %d jobs of %d ms (one measurement iteration)%n",
                version, jobs.size(), runtimeMillis);
        List<Fio.Result> results = new ArrayList<>();
        for (String size : fileSizes) {
            results.addAll(Fio.run(FIO, dataDir, Long.parseLong(size), jobs, runtimeMillis, out));
        }
        Fio.write(version, runtimeMillis, results, runDir.resolve(Fio.FILE));
    }

    private static List<String> fileSizes(Settings s, CommandLineOptions user) throws UsageException {
        if (user.getParameter("fileSize").hasValue()) {
            if (s.fileSize() != null) {
                throw new UsageException("the file size is given twice (--file-size and -p fileSize): give it once");
            }
            List<String> sizes = new ArrayList<>(user.getParameter("fileSize").get());
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
        return List.of(String.valueOf(s.fileSize() == null ? DEFAULT_FILE_SIZE : s.fileSize()));
    }

    static List<Planned> plan(Settings s, CommandLineOptions user, List<String> fileSizes, Path dataDir)
            throws UsageException {
        Profile profile = s.profile();
        BenchmarkList list = BenchmarkList.defaultList();
        List<Planned> plan = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Profile.Leg leg : profile.legs) {
            OptionsBuilder b = new OptionsBuilder();
            b.parent(user);
            List<String> includes = new ArrayList<>();
            List<String> excludes = new ArrayList<>(user.getExcludes());
            if (user.getIncludes().isEmpty()) {
                String own = classesRegex(leg.classes()) + (leg.methods().isEmpty() ? ""
                        : "(" + String.join("|", leg.methods()) + ")$");
                b.include(own);
                includes.add(own);
            } else {
                // The user's pattern picks benchmarks; this leg keeps only its own classes of them.
                includes.addAll(user.getIncludes());
                for (Profile.Leg other : profile.legs) {
                    for (String c : other.classes()) {
                        if (!leg.classes().contains(c)) {
                            b.exclude(classesRegex(List.of(c)));
                            excludes.add(classesRegex(List.of(c)));
                        }
                    }
                }
            }
            SortedSet<BenchmarkListEntry> found = list.find(
                    OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), includes, excludes);
            found.removeIf(e -> !leg.classes().contains(simpleClassName(e))
                    || !leg.methods().isEmpty() && !leg.methods().contains(methodName(e)));
            if (found.isEmpty()) {
                continue;
            }
            // The user's -p wins; legs it makes identical (say -p cache=WARM) run once.
            Map<String, String> effective = new TreeMap<>(leg.params());
            for (String name : leg.params().keySet()) {
                if (user.getParameter(name).hasValue()) {
                    effective.put(name, String.join(",", user.getParameter(name).get()));
                }
            }
            if (!seen.add(leg.classes() + " " + effective)) {
                continue;
            }
            String label = effective.equals(leg.params()) ? leg.name()
                    : leg.name().substring(0, leg.name().indexOf(',') < 0 ? leg.name().length() : leg.name().indexOf(','))
                    + " " + effective;
            leg.params().forEach((name, values) -> {
                if (!user.getParameter(name).hasValue()) {
                    b.param(name, values.split(","));
                }
            });
            if (!user.getParameter("fileSize").hasValue()) {
                b.param("fileSize", fileSizes.toArray(String[]::new));
            }
            checkBlocks(user, leg, fileSizes);
            if (!user.getForkCount().hasValue()) {
                b.forks(profile.forks);
            }
            if (!user.getWarmupIterations().hasValue()) {
                b.warmupIterations(profile.warmupIterations);
            }
            if (!user.getWarmupTime().hasValue()) {
                b.warmupTime(profile.warmupTime);
            }
            if (!user.getMeasurementIterations().hasValue()) {
                b.measurementIterations(profile.measurementIterations);
            }
            if (!user.getMeasurementTime().hasValue()) {
                b.measurementTime(profile.measurementTime);
            }
            if (user.getBenchModes().isEmpty()) {
                for (Mode mode : leg.modes()) {
                    b.mode(mode);
                }
            }
            if (!user.shouldFailOnError().hasValue()) {
                b.shouldFailOnError(true);
            }
            // The evidence behind every number: faults and device bytes per operation.
            if (user.getProfilers().stream().noneMatch(pc -> pc.getKlass().equals(IoProfiler.class.getName()))) {
                b.addProfiler(IoProfiler.class);
            }
            // Forks inherit this JVM's own options; add only those it lacks.
            List<String> jvmArgs = new ArrayList<>();
            List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments();
            for (String option : FORK_OPTIONS) {
                if (!inherited.contains(option)) {
                    jvmArgs.add(option);
                }
            }
            jvmArgs.add("-D" + DataFile.DATA_DIR_PROPERTY + "=" + dataDir);
            if (user.getJvmArgsAppend().hasValue()) {
                jvmArgs.addAll(user.getJvmArgsAppend().get());
            }
            b.jvmArgsAppend(jvmArgs.toArray(String[]::new));
            plan.add(new Planned(leg, label, effective, found, b));
        }
        return plan;
    }

    private static void checkBlocks(CommandLineOptions user, Profile.Leg leg, List<String> fileSizes)
            throws UsageException {
        Collection<String> blocks = user.getParameter("blockSize").hasValue()
                ? user.getParameter("blockSize").get()
                : leg.params().containsKey("blockSize") ? List.of(leg.params().get("blockSize").split(",")) : List.of();
        for (String block : blocks) {
            long blockSize;
            try {
                blockSize = Long.parseLong(block);
            } catch (NumberFormatException e) {
                throw new UsageException("-p blockSize=" + block + " is not a number of bytes: use e.g. -p blockSize=4096");
            }
            for (String size : fileSizes) {
                try {
                    Offsets.checkBlock(Long.parseLong(size), blockSize);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
        }
    }

    private static String classesRegex(List<String> classes) {
        return "\\.(" + String.join("|", classes) + ")\\.";
    }

    private static String methodName(BenchmarkListEntry e) {
        return e.getUsername().substring(e.getUsername().lastIndexOf('.') + 1);
    }

    private static String simpleClassName(BenchmarkListEntry e) {
        String q = e.getUserClassQName();
        return q.substring(q.lastIndexOf('.') + 1);
    }

    private static Set<DataFile.Kind> kindsNeeded(List<Planned> plan) {
        Set<DataFile.Kind> kinds = new LinkedHashSet<>();
        for (Planned p : plan) {
            for (BenchmarkListEntry e : p.benchmarks()) {
                if (!e.getUserClassQName().startsWith(PACKAGE + "file.")) {
                    continue;
                }
                kinds.add(simpleClassName(e).contains("Write") ? DataFile.Kind.WRITE : DataFile.Kind.READ);
            }
        }
        return kinds;
    }

    /** A new folder for this run's files; never one that exists. */
    static Path newRunFolder(Path resultsDir, Profile profile) throws UsageException, IOException {
        try {
            Files.createDirectories(resultsDir);
        } catch (IOException e) {
            throw new UsageException("results folder " + resultsDir + " cannot be created (" + e.getMessage()
                    + "): choose another with --results-dir");
        }
        if (!Files.isWritable(resultsDir)) {
            throw new UsageException("results folder " + resultsDir + " is not writable: choose another with --results-dir");
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String base = stamp + "-" + profile.name().toLowerCase(Locale.ROOT);
        Path dir = resultsDir.resolve(base);
        for (int n = 2; Files.exists(dir); n++) {
            dir = resultsDir.resolve(base + "-" + n);
        }
        return Files.createDirectory(dir);
    }

    /** Writes JMH's own JSON of {@code results}, whole or not at all. */
    static void writeJson(Collection<RunResult> results, Path json) throws IOException {
        Path tmp = json.resolveSibling(json.getFileName() + ".tmp");
        try (PrintStream ps = new PrintStream(Files.newOutputStream(tmp), false, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
        }
        Files.move(tmp, json, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
