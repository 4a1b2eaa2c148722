package mmapbench.tail;

import mmapbench.file.Api;
import mmapbench.file.Blocks;
import mmapbench.file.FileFixture;
import mmapbench.file.Handles;
import mmapbench.fixture.Advice;
import mmapbench.fixture.CacheState;
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
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * Random reads, one at a time: how slow are the slow ones, API by API?
 *
 * <p>One operation is {@code RandomReadBenchmark}'s independent read: {@code blockSize} bytes at
 * the next of the same seeded, block-aligned offsets, into a reused {@code byte[]} (a reused
 * direct buffer for {@code fileChannel}), over the same data file in the same {@code cache}
 * state, set up by the same fixture before every iteration. What differs is that each read is
 * timed on its own ({@code System.nanoTime()} before and after) into a preallocated HdrHistogram;
 * {@link TailProfiler} publishes the fork's percentiles. JMH's own score for these rows is not
 * the average rows' (it includes two clock reads a read) and the report does not use it.
 *
 * <p>The distribution depends on the cache state above all: from a resident file a read is a
 * copy (and, fresh mapped, sometimes a fault); from a COLD one a mapped read that faults reads
 * around its page as far as the device's read-around (megabytes), a {@code pread} reads its
 * block; larger than memory ({@code memoryLimit}) every miss also evicts. An iteration is a
 * single call of {@code ops} reads right after the state was set, as in the average rows, so the
 * percentiles are those of "the first {@code ops} reads after the state was set up", whatever
 * JMH's iteration length; a fork pools its measurement iterations: 6 × 128 = 768 reads of a
 * cold file, enough for p99, not for p99.9 (which needs some 5000 reads a fork, 40 evicted calls:
 * the report says which percentiles a row reached). From a resident file a call is 65536 reads,
 * and every percentile is reached.
 *
 * <p>Named so that a user's {@code RandomRead} pattern, which picks the average rows, does not pick it too.
 *
 * <p>Run: {@code ./run-bench.sh -- ReadTail -p cache=COLD -p ops=128} (the {@code IoProfiler} the launcher turns on
 * publishes the percentiles; by hand, {@code -prof mmapbench.tail.TailProfiler}).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// One warm-up call compiles the loop (through OSR), so that no interpreted read lands in the tail.
@Warmup(iterations = 1)
// Six evicted calls a fork, pooled (see TailProfiler): 768 reads of a cold file, p99 with 7 reads above it.
// As many as the quick profile's ~25 s for its tail leg allow, at some 4 ms a cold mapped read.
@Measurement(iterations = 6)
@Fork(value = 3, jvmArgsAppend = {JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS})
@State(Scope.Thread)
public class ReadTailBenchmark implements ParamCheck {

    /** Bytes in the data file, as in the average rows. */
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

    /** Where the file's pages are when an iteration starts. */
    @Param
    public CacheState cache;

    /** Reads one iteration times, each on its own; 128 from a cold file, as the average rows. */
    @Param("128")
    public int ops = 1;

    /** Bytes per read. */
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
        if (ops < 1 || ops > Offsets.COUNT) {
            throw new IllegalArgumentException("-p ops=" + ops + " is not from 1 to " + Offsets.COUNT
                    + " (the seeded offsets an iteration visits once each): use e.g. -p ops=128");
        }
    }

    /** This thread's offsets (thread 0 the one-thread sequence), buffers and histogram: nothing is allocated while timing. */
    @Setup(Level.Trial)
    public void setUpThread(TailFixture shared, ThreadParams threadParams) {
        checkParams();
        offsets = Offsets.random(fileSize, blockSize, threadParams.getThreadIndex());
        fixture = FileFixture.of(shared.file(), false);
        block = new byte[blockSize];
        direct = ByteBuffer.allocateDirect(blockSize).order(ByteOrder.LITTLE_ENDIAN);
        times = OperationTimes.register();
    }

    /** Fresh handles on the file the shared state just put in its cache state (its setup runs first). */
    @Setup(Level.Iteration)
    public void openHandles(BenchmarkParams params, TailFixture shared) throws IOException {
        handles = fixture.open(Api.of(params), cache, advice);
    }

    @TearDown(Level.Iteration)
    public void closeHandles() throws IOException {
        fixture.close();
    }

    // Each method reads the offset before the clock starts, and records after it stops: the time is the read alone.

    @Benchmark
    public long mappedBuffer() {
        long sum = 0;
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            Blocks.get(handles.buffers(), offset, block, blockSize);
            times.record(System.nanoTime() - start);
            sum += Blocks.firstWord(block);
        }
        return sum;
    }

    @Benchmark
    public long memorySegment() {
        long sum = 0;
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            MemorySegment.copy(handles.segment(), ValueLayout.JAVA_BYTE, offset, block, 0, blockSize);
            times.record(System.nanoTime() - start);
            sum += Blocks.firstWord(block);
        }
        return sum;
    }

    @Benchmark
    public long randomAccessFile() throws IOException {
        long sum = 0;
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            handles.randomAccessFile().seek(offset);
            handles.randomAccessFile().readFully(block, 0, blockSize);
            times.record(System.nanoTime() - start);
            sum += Blocks.firstWord(block);
        }
        return sum;
    }

    @Benchmark
    public long fileChannel() throws IOException {
        return readThroughChannel();
    }

    /** {@link #fileChannel} again: its tail ratio against {@code fileChannel} must come out at 1x, the tail's noise floor. */
    @Benchmark
    public long fileChannelControl() throws IOException {
        return readThroughChannel();
    }

    private long readThroughChannel() throws IOException {
        long sum = 0;
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            Blocks.readFully(handles.channel(), direct, offset);
            times.record(System.nanoTime() - start);
            sum += direct.getLong(0);
        }
        return sum;
    }

    @Benchmark
    public long bufferedStream() throws IOException {
        long sum = 0;
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            handles.inputStream().seek(offset);
            if (handles.inputStream().readNBytes(block, 0, blockSize) != blockSize) {
                throw new IOException("end of file");
            }
            times.record(System.nanoTime() - start);
            sum += Blocks.firstWord(block);
        }
        return sum;
    }
}
