package mmapbench.file;

import mmapbench.fixture.ReadAround;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.DataFile;
import mmapbench.fixture.Folios;
import mmapbench.fixture.HostWatch;
import mmapbench.fixture.MemoryCgroup;
import mmapbench.fixture.MemoryLimit;
import mmapbench.fixture.PageCache;
import mmapbench.param.Parameter;
import mmapbench.profile.CgroupCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What all threads of a file benchmark share, set up once however many threads JMH runs
 * ({@code -t N}): the data file, the page cache's state at the start of each iteration, and the
 * memory cgroup of a {@code memoryLimit} run. Each thread's own state ({@link FileBenchmark})
 * keeps its own offsets, buffers and handles.
 *
 * <p>Why a state of its own: with {@code Scope.Thread} alone every thread would run the
 * per-iteration setup, so N threads would evict, reload and check the same file at once, and one
 * thread's eviction would find another's fresh mapping. JMH runs a {@code Scope.Benchmark}
 * state's setup once, on one thread, while the others wait, and before the setups of the thread
 * states that take it as an argument. It reads the parameters from {@link BenchmarkParams}
 * because a parameter belongs to one state class ({@link FileBenchmark}'s).
 */
@State(Scope.Benchmark)
public class SharedFixture {

    private Path file;
    private boolean writable;
    private CacheState cache;
    private Folios folios = Folios.LARGE;
    private MemoryCgroup cgroup;
    private MemoryLimit limit = MemoryLimit.NONE;
    /** Puts the device's read-around back when the trial ends. */
    private ReadAround.Restore readAround = () -> { };

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException {
        HostWatch.armInJmhFork();
        Question question = question(params);
        long fileSize = Parameter.FILE_SIZE.parse(params.getParam(Parameter.FILE_SIZE.name));
        CacheState cache = Parameter.CACHE.parse(params.getParam(Parameter.CACHE.name));
        folios = Parameter.FOLIOS.parse(params.getParam(Parameter.FOLIOS.name));
        MemoryLimit limit = Parameter.MEMORY_LIMIT.parse(params.getParam(Parameter.MEMORY_LIMIT.name));
        readAround = Parameter.READ_AHEAD.parse(params.getParam(Parameter.READ_AHEAD.name)).apply(DataFile.dataDir());
        limit.checkCache(cache);
        prepare(DataFile.ensure(DataFile.dataDir(), question.dataFile(), fileSize, System.out), question.writes,
                cache, limit, fileSize);
    }

    /**
     * The question whose data file the benchmark runs on. A benchmark of another package that
     * times the same operations differently (the tail's) names its question here, since its class
     * is not one {@link Question} knows: the report must not file its rows with the averages.
     */
    protected Question question(BenchmarkParams params) {
        return Question.ofBenchmark(params.getBenchmark()).orElseThrow(
                () -> new IllegalStateException(params.getBenchmark() + " is not a file benchmark"));
    }

    /**
     * The trial's fixture over {@code file}; under a limit the JVM joins its memory cgroup, after
     * the file is evicted (a page stays charged to whoever loaded it).
     */
    void prepare(Path file, boolean writable, CacheState cache, MemoryLimit limit, long fileSize) throws IOException {
        this.file = file;
        this.writable = writable;
        this.cache = cache;
        this.limit = limit;
        cgroup = joinLimit(file, limit, fileSize);
    }

    /**
     * This JVM in a memory cgroup that holds {@code limit} of {@code file}, its counters watched by
     * the evidence, after the file is evicted (a page stays charged to whoever loaded it); null,
     * and nothing done, without a limit. Stale cgroups of killed runs are removed first.
     */
    public static MemoryCgroup joinLimit(Path file, MemoryLimit limit, long fileSize) throws IOException {
        if (limit.none()) {
            return null;
        }
        MemoryCgroup.removeStale().forEach(line -> System.out.println("mmap-bench: " + line));
        PageCache.evict(file);
        MemoryCgroup cgroup = MemoryCgroup.join(limit.limitBytes(fileSize));
        CgroupCounters.watch(cgroup.statFile(), cgroup.v1());
        return cgroup;
    }

    /** Every iteration starts from the same cache state, established once for all threads. */
    @Setup(Level.Iteration)
    public void establishCacheState() throws IOException {
        if (limit.none() || cache == CacheState.COLD) {
            FileFixture.establish(file, writable, cache, folios);
        } else {
            fillToTheLimit();
        }
    }

    /**
     * WARM under a limit, "as much as fits" (see {@link MemoryLimit#checkCache}): the file read
     * front to back inside the cgroup, which keeps what its limit lets it, the file's tail.
     */
    private void fillToTheLimit() throws IOException {
        PageCache.load(file);
        double resident = PageCache.residentFraction(file);
        if (resident > limit.residentAtMost() + 0.05) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT, "memoryLimit=%s: %.0f%% of %s stays"
                    + " in the page cache, more than the limit allows; is the cgroup's limit in force?", limit,
                    resident * 100, file));
        }
    }

    /**
     * Writes back what the trial dirtied, so that no later trial or leg runs during its
     * write-back; then out of the memory cgroup, which is removed (the JVM's shutdown hook covers
     * a failed trial).
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        readAround.close();
        if (writable) {
            PageCache.writeBack(file);
        }
        if (cgroup != null) {
            CgroupCounters.watch(null, false);
            MemoryCgroup c = cgroup;
            cgroup = null;
            c.close();
        }
    }

    public Path file() {
        return file;
    }

    public boolean writable() {
        return writable;
    }
}
