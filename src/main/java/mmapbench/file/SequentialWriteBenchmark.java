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
 * Sequential writes: is the lecture right that streams beat a mapping here?
 *
 * <p>One operation writes one {@code blockSize} block of seeded pseudo-random bytes at the next
 * position of the {@code fileSize} scratch file, front to back from offset 0 at the start of every
 * iteration, wrapping to 0 at the end. The file exists at its full size: this measures
 * overwriting, not growing a file. Bytes per second = {@code blockSize} / score.
 *
 * <p>{@code forceEvery}: 0 leaves the data in the page cache, as most programs do. Otherwise the
 * operation that completes every {@code forceEvery} bytes also forces them to the device
 * ({@code msync} for the mapped APIs, {@code fdatasync} for the others) and waits, so the score
 * is durable speed. The published value is 256 MiB rather than a whole 4 GiB pass, so that every
 * iteration holds several forces; {@code -p forceEvery=<fileSize>} forces once a pass.
 *
 * <p>The cache states for writes are those of {@link RandomWriteBenchmark}. The buffered stream
 * buffers blocks under 8 KiB and writes larger ones straight through.
 *
 * <p>Run: {@code ./run-bench.sh -- SequentialWrite -p blockSize=1048576 -p forceEvery=0}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS})
@State(Scope.Thread)
public class SequentialWriteBenchmark {

    /** Bytes per write. */
    @Param({"4096", "65536", "1048576"})
    public int blockSize;

    /** Bytes in the scratch file: 4 GiB by default, more than one MappedByteBuffer can map. */
    @Param("4294967296")
    public long fileSize;

    @Param({"HOT", "WARM", "COLD"})
    public CacheState cache;

    /** Bytes between forces to the device; 0 = never (page cache only). */
    @Param({"0", "268435456"})
    public long forceEvery;

    private FileFixture fixture;
    private long position;
    private long forceInterval;
    /** The end offset of the block that completes the stretch to force next; -1 never. */
    private long forceAt;
    /** Where that stretch starts. */
    private long stretchFrom;
    /** Forces done, for tests: the force path must really run. */
    int forces;
    private byte[] block;
    private ByteBuffer direct;

    private MemorySegment segment;
    /** The stretches of {@code segment} to force, made before timing: slicing allocates. */
    private MemorySegment[] stretches;
    private MappedByteBuffer[] buffers;
    private RandomAccessFile randomAccessFile;
    private FileChannel channel;
    private SeekableOutputStream stream;

    @Setup(Level.Trial)
    public void createFile() throws IOException {
        Offsets.checkBlock(fileSize, blockSize);
        if (forceEvery < 0 || forceEvery % blockSize != 0) {
            throw new IllegalArgumentException("forceEvery " + forceEvery + " is not 0 or a multiple of blockSize "
                    + blockSize + ": use 0 (never) or a whole number of blocks");
        }
        fixture = FileFixture.forWriting(fileSize);
        // Never force more often than once a pass.
        forceInterval = forceEvery == 0 ? 0 : Math.min(forceEvery, fileSize);
        block = Content.bytes(RandomWriteBenchmark.PATTERN_SEED, 0, blockSize);
        direct = ByteBuffer.allocateDirect(blockSize).put(block).clear();
    }

    @Setup(Level.Iteration)
    public void establishCacheState(BenchmarkParams params) throws IOException {
        beginIteration(Api.of(params));
    }

    void beginIteration(Api api) throws IOException {
        fixture.beginIteration(api, cache);
        segment = fixture.segment;
        stretches = null;
        if (segment != null && forceInterval != 0) {
            stretches = new MemorySegment[(int) ((fileSize + forceInterval - 1) / forceInterval)];
            for (int i = 0; i < stretches.length; i++) {
                long start = i * forceInterval;
                stretches[i] = segment.asSlice(start, Math.min(forceInterval, fileSize - start));
            }
        }
        buffers = fixture.buffers;
        randomAccessFile = fixture.randomAccessFile;
        channel = fixture.channel;
        stream = fixture.outputStream;
        position = 0;
        stretchFrom = 0;
        forceAt = forceInterval == 0 ? -1 : forceInterval;
    }

    @TearDown(Level.Iteration)
    public void closeHandles() throws IOException {
        fixture.close();
    }

    /** The offset of this operation's block; moves on, wrapping at the end of the file. */
    private long advance() {
        long offset = position;
        long nextPosition = offset + blockSize;
        position = nextPosition == fileSize ? 0 : nextPosition;
        return offset;
    }

    /**
     * Whether the block just written at {@code offset} completes a stretch to force: one compare,
     * so that the page-cache variant pays nothing for the forced one.
     */
    private boolean forceDue(long offset) {
        return offset + blockSize == forceAt;
    }

    /** After a force: the next stretch, wrapping with the file. */
    private void nextStretch() {
        forces++;
        stretchFrom = forceAt == fileSize ? 0 : forceAt;
        forceAt = Math.min(stretchFrom + forceInterval, fileSize);
    }

    @Benchmark
    public void mappedBuffer() {
        long offset = advance();
        buffers[(int) (offset >>> FileFixture.BUFFER_SHIFT)]
                .put((int) (offset & FileFixture.BUFFER_MASK), block, 0, blockSize);
        if (forceDue(offset)) {
            for (long at = stretchFrom; at < forceAt; ) {
                MappedByteBuffer buffer = buffers[(int) (at >>> FileFixture.BUFFER_SHIFT)];
                int index = (int) (at & FileFixture.BUFFER_MASK);
                int length = (int) Math.min(forceAt - at, buffer.capacity() - index);
                buffer.force(index, length);
                at += length;
            }
            nextStretch();
        }
    }

    @Benchmark
    public void memorySegment() {
        long offset = advance();
        MemorySegment.copy(block, 0, segment, ValueLayout.JAVA_BYTE, offset, blockSize);
        if (forceDue(offset)) {
            stretches[(int) (stretchFrom / forceInterval)].force();
            nextStretch();
        }
    }

    @Benchmark
    public void randomAccessFile() throws IOException {
        long offset = advance();
        if (offset == 0) {
            randomAccessFile.seek(0);
        }
        randomAccessFile.write(block, 0, blockSize);
        if (forceDue(offset)) {
            randomAccessFile.getChannel().force(false);
            nextStretch();
        }
    }

    @Benchmark
    public void fileChannel() throws IOException {
        long offset = advance();
        // clear() rewinds: without it every write after the first would write zero bytes.
        direct.clear();
        while (direct.hasRemaining()) {
            channel.write(direct, offset + direct.position());
        }
        if (forceDue(offset)) {
            channel.force(false);
            nextStretch();
        }
    }

    @Benchmark
    public void bufferedStream() throws IOException {
        long offset = advance();
        if (offset == 0) {
            stream.seek(0);
        }
        stream.write(block, 0, blockSize);
        if (forceDue(offset)) {
            stream.force();
            nextStretch();
        }
    }

    byte[] pattern() {
        return block;
    }

    java.nio.file.Path file() {
        return fixture.file();
    }
}
