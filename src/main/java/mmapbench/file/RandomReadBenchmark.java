package mmapbench.file;

import mmapbench.fixture.JvmOptions;
import mmapbench.fixture.Advice;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Offsets;
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

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Random reads: does a mapping beat the other APIs ~10x, as the lecture says?
 *
 * <p>One operation reads {@code blockSize} bytes at the next of {@link Offsets#COUNT} seeded,
 * block-aligned offsets spread over the whole {@code fileSize} file, the same offsets in the same
 * order for every API, into memory the benchmark owns (a reused {@code byte[]}; for
 * {@code fileChannel}, a reused direct buffer), and returns the block's first word so that
 * nothing can be optimised away. It is the lecture's {@code ReadArray} for the mapped APIs.
 *
 * <p>What it depends on is the {@code cache} state (see {@link CacheState}): HOT and WARM measure
 * the page cache and the cost of getting a page into this process (a syscall and a copy, or a
 * page fault); COLD measures the device and readahead. The buffered stream seeks, which drops its
 * buffer, then refills its 8 KiB buffer for any read smaller than that.
 *
 * <p>Run: {@code ./run-bench.sh -- RandomRead -p blockSize=4096 -p cache=COLD}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS})
@State(Scope.Thread)
public class RandomReadBenchmark {

    private static final VarHandle FIRST_WORD =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Bytes per read. */
    @Param({"8", "4096", "65536"})
    public int blockSize;

    /** Bytes in the data file: 4 GiB by default, more than one MappedByteBuffer can map. */
    @Param("4294967296")
    public long fileSize;

    @Param({"HOT", "WARM", "COLD"})
    public CacheState cache;

    /**
     * madvise for the mapped APIs' fresh mapping (the others ignore it). Only NORMAL by default;
     * the full profile runs the others for the mapped methods alone.
     */
    @Param("NORMAL")
    public Advice advice = Advice.NORMAL;

    private FileFixture fixture;
    private long[] offsets;
    private int next;
    private byte[] block;
    private ByteBuffer direct;

    // Copies of the fixture's handles, so that the timed code reads one field, not two.
    private MemorySegment segment;
    private MappedByteBuffer[] buffers;
    private java.io.RandomAccessFile randomAccessFile;
    private java.nio.channels.FileChannel channel;
    private SeekableInputStream stream;

    @Setup(Level.Trial)
    public void createFile() throws IOException {
        Offsets.checkBlock(fileSize, blockSize);
        init(FileFixture.forReading(fileSize), Offsets.random(fileSize, blockSize));
    }

    /** The trial's fixture; tests pass their own file and offsets. */
    void init(FileFixture fixture, long[] offsets) {
        this.fixture = fixture;
        this.offsets = offsets;
        block = new byte[blockSize];
        direct = ByteBuffer.allocateDirect(blockSize).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Setup(Level.Iteration)
    public void establishCacheState(BenchmarkParams params) throws IOException {
        beginIteration(Api.of(params));
    }

    /** For tests, which run the benchmark methods without JMH. */
    void beginIteration(Api api) throws IOException {
        fixture.beginIteration(api, cache, advice);
        segment = fixture.segment;
        buffers = fixture.buffers;
        randomAccessFile = fixture.randomAccessFile;
        channel = fixture.channel;
        stream = fixture.inputStream;
        next = 0;
    }

    @TearDown(Level.Iteration)
    public void closeHandles() throws IOException {
        fixture.close();
    }

    private long nextOffset() {
        return offsets[next++ & (Offsets.COUNT - 1)];
    }

    @Benchmark
    public long mappedBuffer() {
        long offset = nextOffset();
        buffers[(int) (offset >>> FileFixture.BUFFER_SHIFT)]
                .get((int) (offset & FileFixture.BUFFER_MASK), block, 0, blockSize);
        return (long) FIRST_WORD.get(block, 0);
    }

    @Benchmark
    public long memorySegment() {
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, nextOffset(), block, 0, blockSize);
        return (long) FIRST_WORD.get(block, 0);
    }

    @Benchmark
    public long randomAccessFile() throws IOException {
        randomAccessFile.seek(nextOffset());
        randomAccessFile.readFully(block, 0, blockSize);
        return (long) FIRST_WORD.get(block, 0);
    }

    @Benchmark
    public long fileChannel() throws IOException {
        long offset = nextOffset();
        // clear() rewinds: without it the second read would ask for zero bytes and get them.
        direct.clear();
        while (direct.hasRemaining()) {
            if (channel.read(direct, offset + direct.position()) < 0) {
                throw new IOException("end of file at " + (offset + direct.position()));
            }
        }
        return direct.getLong(0);
    }

    @Benchmark
    public long bufferedStream() throws IOException {
        stream.seek(nextOffset());
        if (stream.readNBytes(block, 0, blockSize) != blockSize) {
            throw new IOException("end of file");
        }
        return (long) FIRST_WORD.get(block, 0);
    }

    /** What the last operation read, for tests. */
    ByteBuffer lastBlock(Api api) {
        return api == Api.FILE_CHANNEL ? direct.duplicate().clear() : ByteBuffer.wrap(block);
    }
}
