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
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;

/**
 * Sequential reads: is the lecture right that streams beat a mapping here?
 *
 * <p>One operation reads the next {@code blockSize} bytes of the {@code fileSize} file, front to
 * back from offset 0 at the start of every iteration, wrapping to 0 at the end, into memory the
 * benchmark owns (a reused {@code byte[]}; for {@code fileChannel} a reused direct buffer), and
 * returns the block's first word. Bytes per second = {@code blockSize} / score.
 *
 * <p>The cache states are those of {@link CacheState}. COLD measures the device and the kernel's
 * readahead ({@code read_ahead_kb} of the device), which for a mapping works through page-fault
 * read-around instead. A {@code BufferedInputStream} passes a read of its buffer size (8 KiB) or
 * more straight to the file, so for 64 KiB and 1 MiB blocks it is a plain {@code read(2)}.
 *
 * <p>Run: {@code ./run-bench.sh -- SequentialRead -p blockSize=1048576 -p cache=COLD}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS})
@State(Scope.Thread)
public class SequentialReadBenchmark {

    private static final VarHandle FIRST_WORD =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Bytes per read. */
    @Param({"4096", "65536", "1048576"})
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
    private long position;
    private byte[] block;
    private ByteBuffer direct;

    private MemorySegment segment;
    private MappedByteBuffer[] buffers;
    private RandomAccessFile randomAccessFile;
    private FileChannel channel;
    private SeekableInputStream stream;

    @Setup(Level.Trial)
    public void createFile() throws IOException {
        Offsets.checkBlock(fileSize, blockSize);
        fixture = FileFixture.forReading(fileSize);
        block = new byte[blockSize];
        direct = ByteBuffer.allocateDirect(blockSize).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Setup(Level.Iteration)
    public void establishCacheState(BenchmarkParams params) throws IOException {
        beginIteration(Api.of(params));
    }

    void beginIteration(Api api) throws IOException {
        fixture.beginIteration(api, cache, advice);
        segment = fixture.segment;
        buffers = fixture.buffers;
        randomAccessFile = fixture.randomAccessFile;
        channel = fixture.channel;
        stream = fixture.inputStream;
        position = 0;
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

    @Benchmark
    public long mappedBuffer() {
        long offset = advance();
        buffers[(int) (offset >>> FileFixture.BUFFER_SHIFT)]
                .get((int) (offset & FileFixture.BUFFER_MASK), block, 0, blockSize);
        return (long) FIRST_WORD.get(block, 0);
    }

    @Benchmark
    public long memorySegment() {
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, advance(), block, 0, blockSize);
        return (long) FIRST_WORD.get(block, 0);
    }

    @Benchmark
    public long randomAccessFile() throws IOException {
        if (advance() == 0) {
            randomAccessFile.seek(0);
        }
        randomAccessFile.readFully(block, 0, blockSize);
        return (long) FIRST_WORD.get(block, 0);
    }

    @Benchmark
    public long fileChannel() throws IOException {
        long offset = advance();
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
        if (advance() == 0) {
            stream.seek(0);
        }
        if (stream.readNBytes(block, 0, blockSize) != blockSize) {
            throw new IOException("end of file");
        }
        return (long) FIRST_WORD.get(block, 0);
    }

    ByteBuffer lastBlock(Api api) {
        return api == Api.FILE_CHANNEL ? direct.duplicate().clear() : ByteBuffer.wrap(block);
    }
}
