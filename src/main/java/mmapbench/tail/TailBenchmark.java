package mmapbench.tail;

import mmapbench.file.FileFixture;
import mmapbench.file.FileParams;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.JvmOptions;
import mmapbench.fixture.MemoryLimit;
import mmapbench.fixture.Offsets;
import mmapbench.fixture.ParamCheck;
import mmapbench.fixture.ReadAround;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * What the tail classes share, once: the parameters of the average rows they mirror (but for the
 * cache state and the count, whose defaults each class takes from its own average class), this
 * thread's seeded offsets, buffers and histogram made at trial level, and the fixture that closes
 * each iteration's handles. One level of inheritance, as {@code FileBenchmark} has: JMH finds the
 * {@code @Param}s, the {@code @Setup}s and the class annotations of a superclass.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// One warm-up call compiles the loop (through OSR), so that no interpreted operation lands in the tail.
@Warmup(iterations = 1)
// Six calls a fork, pooled (see TailProfiler): 768 operations on a cold file, p99 with 7 above it.
// As many as the quick profile's tail leg can afford, at some 4 ms a cold mapped read.
@Measurement(iterations = 6)
@Fork(value = 3, jvmArgsAppend = {JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS})
@State(Scope.Thread)
public abstract class TailBenchmark extends FileParams implements ParamCheck {

    /** Bytes per operation. */
    @Param("4096")
    public int blockSize;

    long[] offsets;
    FileFixture fixture;
    OperationTimes times;
    byte[] block;
    ByteBuffer direct;

    /** Where the file's pages are when an iteration starts: each class's own {@code @Param}. */
    abstract CacheState cache();

    /** Operations of an iteration, each timed: each class's own {@code @Param}. */
    abstract int ops();

    /** Offsets one iteration visits: {@link #ops()} of them, or more where an operation takes several. */
    long offsetsPerIteration() {
        return ops();
    }

    /** Why the class has no HOT state, or null where it has one. */
    String noHot() {
        return null;
    }

    /** Whether the class writes (to the scratch file) rather than reads. */
    boolean writes() {
        return false;
    }

    /** The block an operation reads into or writes from. */
    byte[] newBlock() {
        return new byte[blockSize];
    }

    @Override
    public void checkParams() {
        Offsets.checkBlock(fileSize, blockSize);
        MemoryLimit.parse(memoryLimit).checkCache(cache());
        ReadAround.parse(readAhead);
        if (cache() == CacheState.HOT && noHot() != null) {
            throw new IllegalArgumentException("-p cache=HOT: " + noHot() + "; use -p cache=WARM");
        }
        if (ops() < 1 || offsetsPerIteration() > Offsets.COUNT) {
            throw new IllegalArgumentException("-p ops=" + ops() + " is not from 1 to "
                    + Offsets.COUNT * ops() / offsetsPerIteration()
                    + " (the seeded offsets an iteration visits once each): use e.g. -p ops=128");
        }
    }

    /** This thread's offsets (thread 0 the one-thread sequence), buffers and histogram: nothing is allocated while timing. */
    @Setup(Level.Trial)
    public void setUpThread(TailFixture shared, ThreadParams threadParams) {
        checkParams();
        init(FileFixture.of(shared.file(), writes() && shared.writable()),
                Offsets.random(fileSize, blockSize, threadParams.getThreadIndex()));
    }

    /** The trial's fixture over the file; tests pass their own file and offsets. */
    void init(FileFixture fixture, long[] offsets) {
        this.fixture = fixture;
        this.offsets = offsets;
        block = newBlock();
        direct = ByteBuffer.allocateDirect(blockSize).order(ByteOrder.LITTLE_ENDIAN).put(block).clear();
        times = OperationTimes.register();
    }

    /** Closes the iteration's handles (a stream writes out the block it still buffers), untimed as in the average rows. */
    @TearDown(Level.Iteration)
    public void closeHandles() throws IOException {
        fixture.close();
    }
}
