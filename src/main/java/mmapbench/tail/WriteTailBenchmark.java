package mmapbench.tail;

import mmapbench.file.Api;
import mmapbench.file.Blocks;
import mmapbench.file.FileFixture;
import mmapbench.file.Handles;
import mmapbench.file.RandomWriteBenchmark;
import mmapbench.fixture.Advice;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Content;
import mmapbench.fixture.Folios;
import mmapbench.fixture.JvmOptions;
import mmapbench.fixture.MemoryLimit;
import mmapbench.fixture.Offsets;
import mmapbench.fixture.ParamCheck;
import mmapbench.fixture.ReadAround;
import org.openjdk.jmh.annotations.Benchmark;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Random writes, one at a time: how slow are the slow ones, API by API?
 *
 * <p>One operation is {@code RandomWriteBenchmark}'s write: {@code blockSize} bytes of the same
 * seeded pattern ({@link RandomWriteBenchmark#PATTERN_SEED}, made at trial setup) at the next of
 * the same seeded, block-aligned offsets, over the same scratch file, in the same {@code cache}
 * state (WARM: resident, written back, the mapping new; COLD: written back and evicted; no HOT,
 * for the reason that class gives), set up by the same fixture before every iteration. What
 * differs is that each write is timed on its own ({@code System.nanoTime()} before and after)
 * into a preallocated HdrHistogram; {@link TailProfiler} publishes the fork's percentiles.
 *
 * <p>The distribution depends on the cache state and on what a write dirties: from WARM a write
 * that is the first to its page faults (mapped) or marks the page dirty (the others); from COLD a
 * write of less than a page, and every mapped write, reads its page from the device first. The
 * buffered stream's seek writes out the block it buffered before, so its slow writes are the
 * previous block's. Writes land in the page cache; the next iteration's setup writes them back,
 * so no write-back of this iteration's pages runs while it is timed (the kernel may still start
 * one of its own when the dirty pages pass its threshold: that is part of the tail). An
 * iteration is one call of {@code ops} writes right after the state was set, as in the average
 * rows: 128 from a cold file (768 a fork: p99), 16384 from a resident one (every percentile).
 *
 * <p>Named so that a user's {@code RandomWrite} pattern, which picks the average rows, does not pick it too.
 *
 * <p>Run: {@code ./run-bench.sh -- WriteTail -p cache=COLD -p ops=128} (the {@code IoProfiler}
 * the launcher turns on publishes the percentiles; by hand, {@code -prof mmapbench.tail.TailProfiler}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// One warm-up call compiles the loop (through OSR), so that no interpreted write lands in the tail.
@Warmup(iterations = 1)
// Six calls a fork, pooled, as ReadTailBenchmark: 768 writes of a cold file, p99 with 7 above it.
@Measurement(iterations = 6)
@Fork(value = 3, jvmArgsAppend = {JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS})
@State(Scope.Thread)
public class WriteTailBenchmark implements ParamCheck {

    /** Bytes in the scratch file, as in the average rows. */
    @Param("4294967296")
    public long fileSize;

    /** madvise on the mapped APIs' fresh mapping. */
    @Param("NORMAL")
    public Advice advice = Advice.NORMAL;

    /** How a resident file sits in the page cache; COLD ignores it. */
    @Param("LARGE")
    public Folios folios = Folios.LARGE;

    /** {@code none}, or the share of the file the page cache may hold. */
    @Param(MemoryLimit.NONE_VALUE)
    public String memoryLimit = MemoryLimit.NONE_VALUE;

    /** {@code device}, or KiB of read-around set for the trial (root). */
    @Param(ReadAround.DEVICE_VALUE)
    public String readAhead = ReadAround.DEVICE_VALUE;

    /** Where the file's pages are when an iteration starts: not HOT, as in the average rows. */
    @Param({"WARM", "COLD"})
    public CacheState cache;

    /** Writes one iteration times, each on its own; 16384 from a resident file, as the average rows. */
    @Param("16384")
    public int ops = 1;

    /** Bytes per write. */
    @Param("4096")
    public int blockSize;

    private long[] offsets;
    private FileFixture fixture;
    private Handles handles;
    private OperationTimes times;
    private byte[] block;
    private ByteBuffer direct;

    @Override
    public void checkParams() {
        Offsets.checkBlock(fileSize, blockSize);
        MemoryLimit.parse(memoryLimit).checkCache(cache);
        ReadAround.parse(readAhead);
        if (cache == CacheState.HOT) {
            throw new IllegalArgumentException("-p cache=HOT: a write has no HOT state (a clean page of a shared"
                    + " mapping is mapped read-only, so the first write to it faults however the mapping was"
                    + " prepared); use -p cache=WARM");
        }
        if (ops < 1 || ops > Offsets.COUNT) {
            throw new IllegalArgumentException("-p ops=" + ops + " is not from 1 to " + Offsets.COUNT
                    + " (the seeded offsets an iteration visits once each): use e.g. -p ops=128");
        }
    }

    /** This thread's offsets (thread 0 the one-thread sequence), pattern and histogram: nothing is allocated while timing. */
    @Setup(Level.Trial)
    public void setUpThread(TailFixture shared, ThreadParams threadParams) {
        checkParams();
        init(FileFixture.of(shared.file(), shared.writable()), Offsets.random(fileSize, blockSize,
                threadParams.getThreadIndex()));
    }

    /** The trial's fixture over the scratch file; tests pass their own file and offsets. */
    void init(FileFixture fixture, long[] offsets) {
        this.fixture = fixture;
        this.offsets = offsets;
        block = Content.bytes(RandomWriteBenchmark.PATTERN_SEED, 0, blockSize);
        direct = ByteBuffer.allocateDirect(blockSize).put(block).clear();
        times = OperationTimes.register();
    }

    /** Fresh writable handles on the file the shared state just put in its cache state (its setup runs first). */
    @Setup(Level.Iteration)
    public void openHandles(BenchmarkParams params, TailFixture shared) throws IOException {
        openHandles(Api.of(params));
    }

    void openHandles(Api api) throws IOException {
        handles = fixture.open(api, cache, advice);
    }

    /** Closes the handles; a stream writes out the block it still buffers, untimed, as in the average rows. */
    @TearDown(Level.Iteration)
    public void closeHandles() throws IOException {
        fixture.close();
    }

    // Each method reads the offset before the clock starts, and records after it stops: the time is the write alone.

    @Benchmark
    public void mappedBuffer() {
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            Blocks.put(handles.buffers(), offset, block, blockSize);
            times.record(System.nanoTime() - start);
        }
    }

    @Benchmark
    public void memorySegment() {
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            MemorySegment.copy(block, 0, handles.segment(), ValueLayout.JAVA_BYTE, offset, blockSize);
            times.record(System.nanoTime() - start);
        }
    }

    @Benchmark
    public void randomAccessFile() throws IOException {
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            handles.randomAccessFile().seek(offset);
            handles.randomAccessFile().write(block, 0, blockSize);
            times.record(System.nanoTime() - start);
        }
    }

    @Benchmark
    public void fileChannel() throws IOException {
        writeThroughChannel();
    }

    /** {@link #fileChannel} again: its tail ratio against {@code fileChannel} must come out at 1x, the tail's noise floor. */
    @Benchmark
    public void fileChannelControl() throws IOException {
        writeThroughChannel();
    }

    private void writeThroughChannel() throws IOException {
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            Blocks.writeFully(handles.channel(), direct, offset);
            times.record(System.nanoTime() - start);
        }
    }

    @Benchmark
    public void bufferedStream() throws IOException {
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            handles.outputStream().seek(offset);
            handles.outputStream().write(block, 0, blockSize);
            times.record(System.nanoTime() - start);
        }
    }

    /** The bytes every write puts down, for tests. */
    byte[] pattern() {
        return block;
    }
}
