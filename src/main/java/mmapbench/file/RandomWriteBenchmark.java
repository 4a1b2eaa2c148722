package mmapbench.file;

import mmapbench.fixture.JvmOptions;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Content;
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
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;

/**
 * Random writes: does a mapping beat the other APIs ~10x, as the lecture says?
 *
 * <p>One operation writes one {@code blockSize} block of seeded pseudo-random bytes (made before
 * timing, the same for every API) at the next of {@link Offsets#COUNT} seeded, block-aligned
 * offsets over the whole {@code fileSize} scratch file: the same offsets, in the same order, as
 * {@link RandomReadBenchmark}. Writes land in the page cache; the kernel writes them back when it
 * likes. The buffered stream seeks (writing out what it buffered), then buffers the block; a block
 * of 8 KiB or more goes straight to the file.
 *
 * <p>The cache states for writes ({@link CacheState}), each reached the same way every iteration:
 * <ul>
 *   <li>HOT: the file resident and clean (written back), and the fresh mapping faulted in
 *       ({@code MADV_POPULATE_READ}). The first write to each page still takes a minor fault: the
 *       kernel tracks a shared mapping's dirty pages by mapping clean ones read-only.</li>
 *   <li>WARM: resident and clean, the mapping new: the first write to each page faults and makes
 *       the page writable and dirty.</li>
 *   <li>COLD: written back and evicted: a write of less than a page must first read the page from
 *       the device, and a mapped write reads every page it touches first, whatever the size.</li>
 * </ul>
 *
 * <p>Run: {@code ./run-bench.sh -- RandomWrite -p blockSize=4096 -p cache=WARM}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS})
@State(Scope.Thread)
public class RandomWriteBenchmark {

    /** The seed of the bytes every write puts down: not the file's own, so a lost write shows. */
    static final long PATTERN_SEED = 0x77726974652d7061L;

    /** Bytes per write. */
    @Param({"8", "4096", "65536"})
    public int blockSize;

    /** Bytes in the scratch file: 4 GiB by default, more than one MappedByteBuffer can map. */
    @Param("4294967296")
    public long fileSize;

    @Param({"HOT", "WARM", "COLD"})
    public CacheState cache;

    private FileFixture fixture;
    private long[] offsets;
    private int next;
    private byte[] block;
    private ByteBuffer direct;

    private MemorySegment segment;
    private MappedByteBuffer[] buffers;
    private RandomAccessFile randomAccessFile;
    private FileChannel channel;
    private SeekableOutputStream stream;

    @Setup(Level.Trial)
    public void createFile() throws IOException {
        Offsets.checkBlock(fileSize, blockSize);
        init(FileFixture.forWriting(fileSize), Offsets.random(fileSize, blockSize));
    }

    /** The trial's fixture; tests pass their own file and offsets. */
    void init(FileFixture fixture, long[] offsets) {
        this.fixture = fixture;
        this.offsets = offsets;
        block = Content.bytes(PATTERN_SEED, 0, blockSize);
        direct = ByteBuffer.allocateDirect(blockSize).put(block).clear();
    }

    @Setup(Level.Iteration)
    public void establishCacheState(BenchmarkParams params) throws IOException {
        beginIteration(Api.of(params));
    }

    void beginIteration(Api api) throws IOException {
        fixture.beginIteration(api, cache);
        segment = fixture.segment;
        buffers = fixture.buffers;
        randomAccessFile = fixture.randomAccessFile;
        channel = fixture.channel;
        stream = fixture.outputStream;
        next = 0;
    }

    /** Writes out what the stream still buffers (one block at most) and closes; not timed. */
    @TearDown(Level.Iteration)
    public void closeHandles() throws IOException {
        fixture.close();
    }

    private long nextOffset() {
        return offsets[next++ & (Offsets.COUNT - 1)];
    }

    @Benchmark
    public void mappedBuffer() {
        long offset = nextOffset();
        buffers[(int) (offset >>> FileFixture.BUFFER_SHIFT)]
                .put((int) (offset & FileFixture.BUFFER_MASK), block, 0, blockSize);
    }

    @Benchmark
    public void memorySegment() {
        MemorySegment.copy(block, 0, segment, ValueLayout.JAVA_BYTE, nextOffset(), blockSize);
    }

    @Benchmark
    public void randomAccessFile() throws IOException {
        randomAccessFile.seek(nextOffset());
        randomAccessFile.write(block, 0, blockSize);
    }

    @Benchmark
    public void fileChannel() throws IOException {
        long offset = nextOffset();
        // clear() rewinds: without it every write after the first would write zero bytes.
        direct.clear();
        while (direct.hasRemaining()) {
            channel.write(direct, offset + direct.position());
        }
    }

    @Benchmark
    public void bufferedStream() throws IOException {
        stream.seek(nextOffset());
        stream.write(block, 0, blockSize);
    }

    /** The offsets this benchmark writes at, in order, for tests. */
    long[] offsets() {
        return offsets;
    }

    byte[] pattern() {
        return block;
    }

    java.nio.file.Path file() {
        return fixture.file();
    }
}
