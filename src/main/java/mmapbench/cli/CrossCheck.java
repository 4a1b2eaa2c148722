package mmapbench.cli;

import mmapbench.fio.Fio;
import mmapbench.file.Question;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Folios;
import mmapbench.param.Parameter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The native cross-check after the benchmarks: fio on the same files, block sizes, patterns,
 * cache states and folios as the file legs that ran, so that it disturbs no JMH number. Missing fio is said,
 * not fatal.
 */
final class CrossCheck {

    /** The fio binary: {@code fio} on the PATH unless the mmapbench.fio property names another. */
    static final String FIO = System.getProperty("mmapbench.fio", "fio");

    private CrossCheck() {
    }

    /**
     * fio's jobs for the plan: every (question, block size, cache state, folios) of a plain file
     * leg, on each engine, in the folios the leg runs (LARGE where it names none; COLD has none).
     * No job is HOT: fio has no mapping to pre-fault and maps the file afresh for every job, so
     * its HOT would be WARM. A WARM {@code psync} job stands for the Java HOT rows that use no
     * mapping (for them HOT is WARM); the Java HOT mapped rows have no fio peer.
     */
    static List<Fio.Job> jobs(List<LegPlanner.Planned> plan) {
        List<Fio.Job> jobs = new ArrayList<>();
        for (LegPlanner.Planned p : plan) {
            if (!p.leg().methods().isEmpty()) {
                continue;
            }
            List<Folios> folios = p.params().has(Parameter.FOLIOS) ? p.params().get(Parameter.FOLIOS)
                    : List.of(Folios.LARGE);
            for (Question question : LegPlanner.questions(p).stream().filter(Question::crossCheckedByFio).toList()) {
                for (long block : p.params().get(Parameter.BLOCK_SIZE)) {
                    for (CacheState cache : p.params().get(Parameter.CACHE)) {
                        for (Folios f : folios) {
                            for (Fio.Engine engine : Fio.Engine.values()) {
                                CacheState state = cache == CacheState.HOT ? CacheState.WARM : cache;
                                if (cache == CacheState.HOT && engine == Fio.Engine.MMAP) {
                                    continue;
                                }
                                Fio.Job job = new Fio.Job(question, (int) block, state, f, engine);
                                if (!jobs.contains(job)) {
                                    jobs.add(job);
                                }
                            }
                        }
                    }
                }
            }
        }
        return jobs;
    }

    static void run(boolean asked, List<LegPlanner.Planned> plan, Path dataDir, List<String> fileSizes, Path runDir,
                    PrintStream out) throws IOException {
        String version = Fio.version(FIO);
        if (version == null) {
            out.println("mmap-bench: fio is not installed" + (asked ? "" : " (the full profile uses it when it is)")
                    + ": no native cross-check; apt-get install fio");
            return;
        }
        List<Fio.Job> jobs = jobs(plan);
        out.printf(Locale.ROOT, "%nmmap-bench: %s cross-check: %d jobs, each as long as one measurement iteration%n",
                version, jobs.size());
        List<Fio.Result> results = new ArrayList<>();
        for (String size : fileSizes) {
            results.addAll(Fio.run(FIO, dataDir, Long.parseLong(size), jobs, out));
        }
        Fio.write(version, results, runDir.resolve(Fio.FILE));
    }
}
