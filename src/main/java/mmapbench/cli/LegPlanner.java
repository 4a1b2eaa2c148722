package mmapbench.cli;

import mmapbench.file.Question;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.DataFile;
import mmapbench.fixture.JvmOptions;
import mmapbench.fixture.Offsets;
import mmapbench.param.ParamSet;
import mmapbench.param.Parameter;
import mmapbench.profile.IoProfiler;
import mmapbench.stall.JvmStallBenchmark;
import mmapbench.tail.TailFixture;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Resolves a profile's legs against the user's JMH options: which benchmarks each leg runs, with
 * which parameters, and the JMH options of its run. The user's pattern and {@code -p} win over the
 * profile; legs they make identical run once.
 */
final class LegPlanner {

    /** One leg, resolved: what it will run, with which parameters (the user's {@code -p} applied) and options. */
    record Planned(Leg leg, String label, ParamSet params, SortedSet<BenchmarkListEntry> benchmarks,
                   OptionsBuilder options) {
    }

    /** What makes two planned legs the same run. */
    private record Identity(List<Class<?>> classes, List<String> methods, ParamSet params, int threads) {

        /** Whether this leg already runs every row of {@code other}: the same benchmarks, each parameter's values among ours. */
        boolean covers(Identity other) {
            return classes.equals(other.classes) && methods.equals(other.methods) && threads == other.threads
                    && params.parameters().equals(other.params.parameters())
                    && params.parameters().stream().allMatch(p -> params.get(p).containsAll(other.params.get(p)));
        }
    }

    /**
     * The file benchmarks are single-shot over a count of operations, and the report divides by
     * it: another mode, or batches of calls that would run without their setup, would give other
     * figures under the same names. Refused in one line.
     */
    private static void checkModes(Leg leg, CommandLineOptions user) throws UsageException {
        boolean files = leg.classes().stream().anyMatch(c -> Question.ofClass(c).isPresent());
        if (!files) {
            return;
        }
        if (!user.getBenchModes().isEmpty()) {
            throw new UsageException("-bm " + user.getBenchModes() + ": the file benchmarks time single calls of a"
                    + " counted number of operations (-p ops, -p bytes); leave -bm out, or give it with the IPC"
                    + " benchmark alone (-- SharedMemoryPingPong -bm avgt)");
        }
        // Warm-up batches only warm the JIT; a measured batch would time calls that no setup preceded.
        if (user.getMeasurementBatchSize().hasValue() && user.getMeasurementBatchSize().get() != 1) {
            throw new UsageException("-bs " + user.getMeasurementBatchSize().get() + ": a file benchmark's iteration is"
                    + " one call right after its setup; change how many operations it runs with -p ops (or -p bytes)");
        }
    }

    private LegPlanner() {
    }

    static List<Planned> plan(Profile profile, CommandLineOptions user, List<String> fileSizes, Path dataDir)
            throws UsageException {
        BenchmarkList list = BenchmarkList.defaultList();
        List<Planned> plan = new ArrayList<>();
        List<Identity> seen = new ArrayList<>();
        for (Leg leg : profile.legs) {
            List<String> includes = new ArrayList<>();
            List<String> excludes = new ArrayList<>(user.getExcludes());
            if (user.getIncludes().isEmpty()) {
                includes.add(classesRegex(leg.classes()) + (leg.methods().isEmpty() ? ""
                        : "(" + String.join("|", leg.methods()) + ")$"));
            } else {
                // The user's pattern picks benchmarks; this leg keeps only its own classes of them.
                includes.addAll(user.getIncludes());
                for (Leg other : profile.legs) {
                    for (Class<?> c : other.classes()) {
                        if (!leg.classes().contains(c)) {
                            excludes.add(classesRegex(List.of(c)));
                        }
                    }
                }
            }
            SortedSet<BenchmarkListEntry> found = list.find(
                    OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), includes, excludes);
            found.removeIf(e -> leg.classes().stream().noneMatch(c -> c.getName().equals(e.getUserClassQName()))
                    || !leg.methods().isEmpty() && !leg.methods().contains(methodName(e)));
            if (found.isEmpty()) {
                continue;
            }
            checkModes(leg, user);
            // The user's -p wins; legs it makes identical (say -p cache=WARM), or whose rows an
            // earlier leg already runs, run once.
            // The run's file sizes are the leg's too, so that every check sees the file a row will read.
            ParamSet sized = user.getParameter(Parameter.FILE_SIZE.name).hasValue() ? leg.params()
                    : leg.params().withText(Parameter.FILE_SIZE, fileSizes);
            sized = withPassBytes(leg, sized, fileSizes, user);
            for (ParamSet params : byOperationCount(leg, withUsersValues(sized, user), user)) {
                Identity identity = new Identity(leg.classes(), leg.methods(), params, leg.threads());
                if (seen.stream().anyMatch(earlier -> earlier.covers(identity))) {
                    continue;
                }
                // And an earlier leg that this one covers (the user's -p made it a part of this one)
                // goes, this one taking its place in the order.
                int at = seen.size();
                for (int i = seen.size() - 1; i >= 0; i--) {
                    if (identity.covers(seen.get(i))) {
                        seen.remove(i);
                        plan.remove(i);
                        at = i;
                    }
                }
                seen.add(at, identity);
                checkBlocks(params, fileSizes);
                plan.add(at, new Planned(leg, label(leg, params), params, found,
                        options(user, leg, params, includes, excludes, fileSizes, dataDir)));
            }
        }
        return plan;
    }

    /**
     * The leg's parameters with the operation count its questions time from each of its cache
     * states ({@link Question#opsPerIteration}), one set per count: a JMH run has one count per
     * state, so states that count differently run apart. The user's {@code -p ops} wins.
     */
    private static List<ParamSet> byOperationCount(Leg leg, ParamSet given, CommandLineOptions user) {
        if (user.getParameter(Parameter.OPS.name).hasValue()) {
            return List.of(given);
        }
        // A profile's own count is for the cache states it gave: the user's -p cache takes the
        // states' counts instead (the quick profile's 4096 WARM writes are no COLD count).
        if (given.has(Parameter.OPS) && (!user.getParameter(Parameter.CACHE.name).hasValue()
                || given.get(Parameter.CACHE).equals(leg.params().get(Parameter.CACHE)))) {
            return List.of(given);
        }
        ParamSet params = given.without(Parameter.OPS);
        Map<Long, List<CacheState>> byCount = new LinkedHashMap<>();
        for (CacheState cache : params.get(Parameter.CACHE)) {
            Set<Long> counts = new TreeSet<>();
            for (Class<?> c : leg.classes()) {
                Question.ofClass(c).ifPresent(q -> counts.add(q.opsPerIteration(cache)));
            }
            if (counts.size() > 1) {
                throw new IllegalStateException("leg " + leg.kind() + " mixes questions that count " + counts
                        + " operations from " + cache + ": give them legs of their own");
            }
            if (!counts.isEmpty() && counts.iterator().next() > 0) {
                byCount.computeIfAbsent(counts.iterator().next(), n -> new ArrayList<>()).add(cache);
            }
        }
        if (byCount.isEmpty()) {
            return List.of(params);
        }
        List<ParamSet> out = new ArrayList<>();
        byCount.forEach((count, states) -> out.add(params.with(Parameter.CACHE, states).with(Parameter.OPS, count)));
        return out;
    }

    /**
     * A sequential leg's bytes per iteration, from the smallest of the run's files (a pass may
     * not run past a file's end); the user's {@code -p bytes} wins.
     */
    private static ParamSet withPassBytes(Leg leg, ParamSet params, List<String> fileSizes, CommandLineOptions user) {
        if (user.getParameter(Parameter.BYTES.name).hasValue()) {
            return params;
        }
        long smallest = fileSizes.stream().mapToLong(Long::parseLong).min().orElse(Long.MAX_VALUE);
        if (params.has(Parameter.BYTES)) {
            // The profile's own pass, never past the end of the smallest file.
            return params.with(Parameter.BYTES, params.get(Parameter.BYTES).stream().map(b -> Math.min(b, smallest))
                    .distinct().toList());
        }
        long bytes = leg.classes().stream().map(Question::ofClass).flatMap(java.util.Optional::stream)
                .mapToLong(q -> q.bytesPerIteration(smallest)).max().orElse(0);
        return bytes > 0 ? params.with(Parameter.BYTES, bytes) : params;
    }

    /** The leg's parameters, each the user gave with {@code -p} replaced by the user's values. */
    private static ParamSet withUsersValues(ParamSet params, CommandLineOptions user) throws UsageException {
        ParamSet effective = params;
        for (Parameter<?> p : params.parameters()) {
            if (user.getParameter(p.name).hasValue()) {
                try {
                    effective = effective.withText(p, new ArrayList<>(user.getParameter(p.name).get()));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
        }
        return effective;
    }

    /** "random reads, COLD", and the parameters the user changed: "random reads, COLD (blockSize=8)". */
    private static String label(Leg leg, ParamSet effective) {
        List<String> changed = new ArrayList<>();
        for (Parameter<?> p : effective.parameters()) {
            if (p != Parameter.CACHE && p != Parameter.OPS && p != Parameter.FILE_SIZE && p != Parameter.BYTES
                    && !effective.get(p).equals(leg.params().get(p))) {
                changed.add(p.name + "=" + effective.joined(p));
            }
        }
        return leg.kind() + (effective.has(Parameter.CACHE) ? ", " + effective.joined(Parameter.CACHE) : "")
                + (effective.has(Parameter.OPS) ? ", " + effective.joined(Parameter.OPS) + " ops per iteration" : "")
                + (leg.threads() > 1 ? ", " + leg.threads() + " threads" : "")
                + (changed.isEmpty() ? "" : " (" + String.join(", ", changed) + ")");
    }

    private static OptionsBuilder options(CommandLineOptions user, Leg leg, ParamSet params, List<String> includes,
                                          List<String> excludes, List<String> fileSizes, Path dataDir) {
        OptionsBuilder b = new OptionsBuilder();
        b.parent(user);
        includes.forEach(b::include);
        excludes.forEach(b::exclude);
        // The user's values are among them already; a leg split by operation count sets each part's states.
        for (Parameter<?> p : params.parameters()) {
            b.param(p.name, params.jmhValues(p));
        }

        if (user.getBenchModes().isEmpty()) {
            leg.modes().forEach(b::mode);
        }
        if (leg.threads() > 1 && !user.getThreads().hasValue()) {
            // The user's -t wins.
            b.threads(leg.threads());
        }
        if (!user.shouldFailOnError().hasValue()) {
            b.shouldFailOnError(true);
        }
        // The evidence behind every number: faults and device bytes per operation.
        if (user.getProfilers().stream().noneMatch(pc -> pc.getKlass().equals(IoProfiler.class.getName()))) {
            b.addProfiler(IoProfiler.class);
        }
        // Options given here replace the classes' @Fork(jvmArgsAppend); forks also inherit this
        // JVM's own options, so add only those it lacks.
        List<String> jvmArgs = new ArrayList<>();
        List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String option : JvmOptions.FORK) {
            if (!inherited.contains(option)) {
                jvmArgs.add(option);
            }
        }
        jvmArgs.add("-D" + DataFile.DATA_DIR_PROPERTY + "=" + dataDir);
        jvmArgs.addAll(JvmOptions.forkClassArchive());
        if (user.getJvmArgsAppend().hasValue()) {
            jvmArgs.addAll(user.getJvmArgsAppend().get());
        }
        b.jvmArgsAppend(jvmArgs.toArray(String[]::new));
        return b;
    }

    private static void checkBlocks(ParamSet effective, List<String> fileSizes) throws UsageException {
        for (long blockSize : effective.get(Parameter.BLOCK_SIZE)) {
            for (String size : fileSizes) {
                try {
                    Offsets.checkBlock(Long.parseLong(size), blockSize);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
        }
    }

    /** The data files the plan's benchmarks run on: the average rows', the tails' and the stall's. */
    static Set<DataFile.Kind> dataFiles(List<Planned> plan) {
        Set<DataFile.Kind> kinds = new LinkedHashSet<>();
        for (Planned p : plan) {
            for (BenchmarkListEntry e : p.benchmarks()) {
                String name = e.getUsername();
                Question.ofBenchmark(name).or(() -> TailFixture.questionOf(name)).map(Question::dataFile)
                        .or(() -> name.startsWith(JvmStallBenchmark.class.getName() + ".")
                                ? java.util.Optional.of(JvmStallBenchmark.DATA_FILE) : java.util.Optional.empty())
                        .ifPresent(kinds::add);
            }
        }
        return kinds;
    }

    /** The questions of a leg's benchmarks, in the order of {@link Question}. */
    static Set<Question> questions(Planned p) {
        Set<Question> qs = new java.util.TreeSet<>();
        for (BenchmarkListEntry e : p.benchmarks()) {
            Question.ofBenchmark(e.getUsername()).ifPresent(qs::add);
        }
        return qs;
    }

    private static String classesRegex(List<Class<?>> classes) {
        return "^(" + String.join("|", classes.stream().map(c -> c.getName().replace(".", "\\.")).toList()) + ")\\.";
    }

    static String methodName(BenchmarkListEntry e) {
        return e.getUsername().substring(e.getUsername().lastIndexOf('.') + 1);
    }
}
