package mmapbench.cli;

import mmapbench.rounds.AdaptiveRounds;
import mmapbench.rounds.RowSpec;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.WorkloadParams;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.regex.Pattern;

/**
 * The rounds' forks, run through JMH: each is a JMH run of one row with one fork, and the forks of
 * a row are put together into one result, as JMH would have written a row of several forks. Its
 * result JSON is JMH's own: fork {@code i} of a row is its {@code i}-th round.
 */
final class JmhRounds implements AdaptiveRounds.Forks {

    private final Map<RowSpec, LegPlanner.Planned> legOf = new HashMap<>();
    /** Each row's forks, in the order they ran; rows in the order the legs first ran them. */
    private final Map<RowSpec, List<BenchmarkResult>> forks = new LinkedHashMap<>();
    private final Map<RowSpec, BenchmarkParams> params = new HashMap<>();

    /**
     * The rows of a planned leg: each benchmark and mode, with every combination of its parameters'
     * values; but of each class's control twin, only its first combination. The control checks the
     * rounds of a leg (its drift, its noise floor), and one twin a leg does: a twin for every group
     * would make every round a fifth longer.
     */
    static List<RowSpec> rows(LegPlanner.Planned p) {
        List<RowSpec> all = allRows(p);
        Set<String> controlled = new HashSet<>();
        List<RowSpec> out = new ArrayList<>();
        for (RowSpec r : all) {
            if (!r.control() || controlled.add(r.benchmark() + ":" + r.mode())) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<RowSpec> allRows(LegPlanner.Planned p) {
        Options o = p.options().build();
        int threads = o.getThreads().orElse(1);
        // JMH lists a method once per mode its class declares: the leg's modes make the rows, once each.
        Set<RowSpec> out = new java.util.LinkedHashSet<>();
        for (BenchmarkListEntry e : p.benchmarks()) {
            List<Mode> modes = o.getBenchModes().isEmpty() ? List.of(e.getMode()) : List.copyOf(o.getBenchModes());
            Map<String, List<String>> values = new LinkedHashMap<>();
            if (e.getParams().hasValue()) {
                e.getParams().get().forEach((name, declared) -> values.put(name,
                        o.getParameter(name).hasValue() ? List.copyOf(o.getParameter(name).get()) : List.of(declared)));
            }
            for (Mode mode : modes) {
                for (Map<String, String> combination : combinations(values)) {
                    out.add(RowSpec.of(e.getUsername(), mode.shortLabel(), threads, combination));
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<Map<String, String>> combinations(Map<String, List<String>> values) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        values.forEach((name, vs) -> {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : vs) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(name, v);
                    next.add(m);
                }
            }
            out.clear();
            out.addAll(next);
        });
        return out;
    }

    /**
     * Takes a leg's rows; returns those no earlier leg has (a row runs in one leg, with that leg's
     * options, or two legs would each run it, and one of them with the other's options).
     */
    List<RowSpec> add(LegPlanner.Planned leg, List<RowSpec> rows) {
        List<RowSpec> mine = rows.stream().filter(r -> !legOf.containsKey(r)).toList();
        mine.forEach(r -> legOf.put(r, leg));
        return mine;
    }

    @Override
    public void run(RowSpec row) throws RunnerException {
        LegPlanner.Planned leg = legOf.get(row);
        OptionsBuilder b = new OptionsBuilder();
        b.parent(leg.options().build());
        // The leg's includes stay the parent's; what is not this row's benchmark is excluded.
        b.exclude("^(?!" + Pattern.quote(row.benchmark()) + "$)");
        b.mode(Mode.deepValueOf(row.mode()));
        row.params().forEach(b::param);
        b.threads(row.threads());
        b.forks(1);
        b.warmupForks(0);
        Collection<RunResult> results = new Runner(b.build()).run();
        if (results.size() != 1) {
            throw new RunnerException("a round of " + row.label() + " ran " + results.size() + " rows, not 1");
        }
        RunResult result = results.iterator().next();
        params.putIfAbsent(row, result.getParams());
        forks.computeIfAbsent(row, r -> new ArrayList<>()).addAll(result.getBenchmarkResults());
    }

    /** Every row measured so far, its forks together, as JMH would write it had it run them all in one fork loop. */
    List<RunResult> results() {
        List<RunResult> out = new ArrayList<>();
        forks.forEach((row, rowForks) -> out.add(new RunResult(withForks(params.get(row), rowForks.size()), rowForks)));
        return out;
    }

    /** The parameters of the row's first fork, with the number of forks it has now (JMH writes it in "forks"). */
    private static BenchmarkParams withForks(BenchmarkParams p, int forks) {
        WorkloadParams workload = new WorkloadParams();
        int i = 0;
        for (String key : p.getParamsKeys()) {
            workload.put(key, p.getParam(key), i++);
        }
        return new BenchmarkParams(p.getBenchmark(), p.generatedBenchmark(), p.shouldSynchIterations(), p.getThreads(),
                p.getThreadGroups(), p.getThreadGroupLabels(), forks, p.getWarmupForks(), p.getWarmup(),
                p.getMeasurement(), p.getMode(), workload, p.getTimeUnit(), p.getOpsPerInvocation(), p.getJvm(),
                p.getJvmArgs(), p.getJdkVersion(), p.getVmName(), p.getVmVersion(), p.getJmhVersion(), p.getTimeout());
    }
}
