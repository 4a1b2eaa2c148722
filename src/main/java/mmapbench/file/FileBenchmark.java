package mmapbench.file;

import mmapbench.fixture.ReadAround;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.JvmOptions;
import mmapbench.fixture.MemoryLimit;
import mmapbench.fixture.Offsets;
import mmapbench.fixture.ParamCheck;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The life cycle every file benchmark shares, once: the data file made or reused at trial level
 * (by {@link SharedFixture}, once for all threads), the cache state established and fresh handles
 * opened before every iteration, closed after it. One level of inheritance, as in JMH's own
 * sample 24: JMH finds the {@code @Param}s, {@code @Setup}s and the class annotations
 * ({@code @Fork}, {@code @State}) of a superclass, and each subclass keeps its timed methods and
 * its block sizes in view, and says where it measures differently.
 *
 * <p>The run configuration is owned by the annotations (here and on each class), not by
 * {@code run-bench.sh}'s profiles, which only choose which benchmarks and parameters run: a row
 * measured by {@code java -jar target/benchmarks.jar} is measured exactly as the launcher measures
 * it, but for the operation count from a cold file, which the profiles lower
 * ({@link Question#opsPerIteration}); {@code -p ops} gives it.
 * Three forks, because forks differ more than iterations do and the verdict's intervals are
 * built on fork-to-fork variation: with two, a single fork that drifts leaves an interval that
 * decides nothing.
 */
// Single shot: an iteration is a call of a counted number of operations (each class's ops or
// bytes), so that the count, not the clock, decides how a cost paid once per many is shared.
@BenchmarkMode(Mode.SingleShotTime)
// One unit for every file row: a sequential row's bytes per nanosecond is GB/s.
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Six warm-up calls, three after each of two setups: a method called a few times is compiled
// through its loop alone, and reached full speed only in the third call; the calls of a batch
// go on from where the last left off. Three forks of few iterations rather than two of many:
// forks differ more than iterations.
@Warmup(iterations = 2, batchSize = 3)
@Measurement(iterations = 3)
@Fork(value = 3, jvmArgsAppend = {JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS})
@State(Scope.Thread)
public abstract class FileBenchmark extends FileParams implements ParamCheck {

    /** JMH's index of this state's thread: thread 0 draws the single-thread offsets, the others their own. */
    int thread;

    FileFixture fixture;
    /** The handles of the API under test, for this iteration. */
    Handles handles;

    /** The question this class answers. */
    abstract Question question();

    /**
     * Where the file's pages are when an iteration starts: each class's own {@code @Param cache},
     * because not every state exists for every question (see the write classes).
     */
    abstract CacheState cache();

    /** Bytes per operation: each class's own {@code @Param}. */
    abstract int blockSize();

    /** Whether each operation opens the file itself: then an iteration establishes the cache state and opens nothing. */
    boolean opensItsOwnHandles() {
        return false;
    }

    /** Block and file sizes that fit, and whatever else the class cannot run; before any data file is made. */
    @Override
    public void checkParams() {
        Offsets.checkBlock(fileSize, blockSize());
        if (cache() != null) {
            MemoryLimit.parse(memoryLimit).checkCache(cache());
        }
        ReadAround.parse(readAhead);
        checkMoreParams();
    }

    /** A class's own parameter rules. */
    void checkMoreParams() {
    }

    /**
     * Blocks in {@code bytes} for a class that counts bytes per iteration (one for tests, which
     * leave it 0 and call a benchmark method once per block).
     *
     * @throws IllegalArgumentException when it is not a whole number of blocks
     */
    static long blocksIn(long bytes, int blockSize, long fileSize) {
        if (bytes == 0) {
            return 1;
        }
        if (bytes < 0 || bytes % blockSize != 0) {
            throw new IllegalArgumentException("-p bytes=" + bytes + " is not a whole number of " + blockSize
                    + "-byte blocks: use e.g. -p bytes=1073741824");
        }
        if (bytes > fileSize) {
            // A pass past the end would wrap onto pages the iteration already mapped or read.
            throw new IllegalArgumentException("-p bytes=" + bytes + " is more than the " + fileSize
                    + "-byte file: use at most -p bytes=" + fileSize);
        }
        return bytes / blockSize;
    }

    /**
     * For the classes that count operations: at least one, and no more than there are offsets,
     * which an iteration would otherwise revisit (and find already mapped or cached).
     */
    static void checkOps(long ops, long perOp) {
        if (ops < 1 || ops * perOp > Offsets.COUNT) {
            throw new IllegalArgumentException("-p ops=" + ops + " is not from 1 to " + Offsets.COUNT / perOp
                    + " (the seeded offsets an iteration visits once each): use e.g. -p ops=65536");
        }
    }

    /** For the classes that have no HOT: refuses it in one line that says why and what to use. */
    static void refuseHot(CacheState cache, String why) {
        if (cache == CacheState.HOT) {
            throw new IllegalArgumentException("-p cache=HOT: " + why + "; use -p cache=WARM");
        }
    }

    /** Buffers and cursors, made once per trial after the fixture: nothing is allocated while timing. */
    abstract void prepare();

    /** Back to where an iteration starts, so that every iteration does the same operations. */
    abstract void rewind();

    /** This thread's offsets and buffers over the file of the state all threads share (made, and joined to its cgroup, once). */
    @Setup(Level.Trial)
    public void setUpThread(SharedFixture shared, ThreadParams threadParams) throws IOException {
        checkParams();
        thread = threadParams.getThreadIndex();
        fixture = FileFixture.of(shared.file(), shared.writable());
        prepare();
    }

    /** For tests, which run the benchmark methods without JMH: thread {@code threadIndex}, no shared state. */
    void setUpWithoutJmh(int threadIndex) throws IOException {
        checkParams();
        thread = threadIndex;
        fixture = FileFixture.forQuestion(question(), fileSize);
        prepare();
    }

    void setUpWithoutJmh() throws IOException {
        setUpWithoutJmh(0);
    }

    /**
     * Opens this thread's handles. It takes the shared state as an argument so that JMH runs that
     * state's iteration setup first, on one thread: the file is in its cache state before any
     * thread maps it.
     */
    @Setup(Level.Iteration)
    public void openHandles(BenchmarkParams params, SharedFixture shared) throws IOException {
        openHandles(Api.of(params));
    }

    /** For tests, which run the benchmark methods without JMH: establishes the cache state, opens the handles. */
    void beginIteration(Api api) throws IOException {
        FileFixture.establish(fixture.file(), fixture.writable(), cache(), folios);
        openHandles(api);
    }

    /** For tests: this thread's handles, on a file another thread's {@link #beginIteration} put in its state. */
    void openHandles(Api api) throws IOException {
        handles = fixture.open(opensItsOwnHandles() ? null : api, cache(), advice);
        rewind();
    }

    /** Ends the evidence window and closes the handles (a stream writes out what it still buffers); not timed. */
    @TearDown(Level.Iteration)
    public void closeHandles() throws IOException {
        fixture.close();
    }

    Path file() {
        return fixture.file();
    }
}
