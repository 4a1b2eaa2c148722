package mmapbench.file;

import mmapbench.fixture.Content;
import mmapbench.fixture.CacheState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;

/**
 * Sequential writes: is the lecture right that streams beat a mapping here?
 *
 * <p>One operation, with {@code forceEvery} 0, writes one {@code blockSize} block of seeded
 * pseudo-random bytes at the next position of the {@code fileSize} scratch file, front to back
 * from offset 0 at the start of every iteration, wrapping to 0 at the end, and leaves it in the
 * page cache, as most programs do. The file exists at its full size: this measures overwriting,
 * not growing a file. Bytes per nanosecond (GB/s) = {@code blockSize} / score.
 *
 * <p>With {@code forceEvery} above 0, one operation is one whole durable stretch: it writes the
 * next {@code forceEvery} bytes in {@code blockSize} blocks, then forces them to the device
 * ({@code msync} of that range for the mapped APIs, {@code fdatasync} for the others) and waits.
 * The force's whole cost is inside the operation that pays it, never left to the next
 * iteration's untimed setup. GB/s = {@code forceEvery} / score. The published value is 256 MiB,
 * so that an iteration holds several stretches; it must divide {@code fileSize}.
 *
 * <p>One iteration is one call that writes exactly {@code bytes} from offset 0 right after its
 * setup (single shot; the report's figure is the call's time over its operations), as
 * {@link SequentialReadBenchmark}'s: a fresh mapping's faults and the pages left dirty are shared
 * over a count of operations, not over however many fit in the clock's iteration.
 *
 * <p>The cache states for writes are those of {@link RandomWriteBenchmark}. The buffered stream
 * buffers blocks under 8 KiB and writes larger ones straight through.
 *
 * <p>Run: {@code ./run-bench.sh -- SequentialWrite -p blockSize=1048576 -p forceEvery=0}.
 */
public class SequentialWriteBenchmark extends FileBenchmark {

    /** Bytes one iteration writes: whole operations (blocks, or stretches when forcing); see the class comment. */
    @Param("1073741824")
    public long bytes;

    /** Where the file's pages are when an iteration starts: not HOT, as for {@link RandomWriteBenchmark}. */
    @Param({"WARM", "COLD"})
    public CacheState cache;

    /** Bytes per write. */
    @Param({"4096", "65536", "1048576"})
    public int blockSize;

    /** Bytes per durable stretch, written then forced as one operation; 0 = one block, never forced. */
    @Param({"0", "268435456"})
    public long forceEvery;

    private SequentialCursor cursor;
    /** Operations one call runs: {@code bytes} of blocks or stretches (one, for tests that set none). */
    private long opsPerCall;
    /** Blocks one operation writes: 1, or a whole stretch. */
    private int blocksPerOp;
    private boolean forcing;
    private byte[] block;
    private ByteBuffer direct;
    /** The stretches of the FFM mapping to force, made before timing: slicing allocates. */
    private MemorySegment[] stretches;

    @Override
    Question question() {
        return Question.SEQUENTIAL_WRITE;
    }

    @Override
    int blockSize() {
        return blockSize;
    }

    @Override
    CacheState cache() {
        return cache;
    }

    @Override
    void checkMoreParams() {
        refuseHot(cache, RandomWriteBenchmark.WRITES_HAVE_NO_HOT);
        if (forceEvery < 0 || forceEvery % blockSize != 0 || forceEvery > 0 && fileSize % forceEvery != 0) {
            throw new IllegalArgumentException("forceEvery " + forceEvery + " is not 0 or a multiple of blockSize "
                    + blockSize + " that divides fileSize " + fileSize + ": use 0 (never) or a whole number of blocks"
                    + " that divides the file, e.g. 268435456");
        }
        if (forceEvery > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("forceEvery " + forceEvery + " is more than 2 GiB, which one force"
                    + " cannot take: use e.g. 268435456");
        }
        // In whole operations; a stretch past 2 GiB, which the checks above refuse, counts in no int.
        if (forceEvery <= Integer.MAX_VALUE) {
            blocksIn(bytes, forceEvery > 0 ? (int) forceEvery : blockSize, fileSize);
        }
    }


    @Override
    void prepare() {
        opsPerCall = blocksIn(bytes, forceEvery > 0 ? (int) forceEvery : blockSize, fileSize);
        cursor = new SequentialCursor(blockSize, fileSize);
        forcing = forceEvery > 0;
        blocksPerOp = forcing ? (int) (forceEvery / blockSize) : 1;
        block = Content.bytes(RandomWriteBenchmark.PATTERN_SEED, 0, blockSize);
        direct = ByteBuffer.allocateDirect(blockSize).put(block).clear();
    }

    @Override
    void rewind() {
        stretches = null;
        if (handles.segment() != null && forcing) {
            stretches = new MemorySegment[(int) (fileSize / forceEvery)];
            for (int i = 0; i < stretches.length; i++) {
                stretches[i] = handles.segment().asSlice(i * forceEvery, forceEvery);
            }
        }
        cursor.rewind();
    }

    @Benchmark
    public void mappedBuffer() {
        for (long op = 0; op < opsPerCall; op++) {
            mappedBufferOnce();
        }
    }

    private void mappedBufferOnce() {
        long start = -1;
        for (int i = 0; i < blocksPerOp; i++) {
            long offset = cursor.advance();
            start = i == 0 ? offset : start;
            Blocks.put(handles.buffers(), offset, block, blockSize);
        }
        if (forcing) {
            // A stretch may span more than one 1 GiB buffer: force it buffer by buffer.
            for (long at = start, end = start + forceEvery; at < end; ) {
                MappedByteBuffer buffer = handles.buffers()[(int) (at >>> Blocks.BUFFER_SHIFT)];
                int index = (int) (at & Blocks.BUFFER_MASK);
                int length = (int) Math.min(end - at, buffer.capacity() - index);
                buffer.force(index, length);
                at += length;
            }
        }
    }

    @Benchmark
    public void memorySegment() {
        for (long op = 0; op < opsPerCall; op++) {
            memorySegmentOnce();
        }
    }

    private void memorySegmentOnce() {
        long start = -1;
        for (int i = 0; i < blocksPerOp; i++) {
            long offset = cursor.advance();
            start = i == 0 ? offset : start;
            MemorySegment.copy(block, 0, handles.segment(), ValueLayout.JAVA_BYTE, offset, blockSize);
        }
        if (forcing) {
            stretches[(int) (start / forceEvery)].force();
        }
    }

    @Benchmark
    public void randomAccessFile() throws IOException {
        for (long op = 0; op < opsPerCall; op++) {
            randomAccessFileOnce();
        }
    }

    private void randomAccessFileOnce() throws IOException {
        for (int i = 0; i < blocksPerOp; i++) {
            if (cursor.advance() == 0) {
                handles.randomAccessFile().seek(0);
            }
            handles.randomAccessFile().write(block, 0, blockSize);
        }
        if (forcing) {
            handles.randomAccessFile().getChannel().force(false);
        }
    }

    @Benchmark
    public void fileChannel() throws IOException {
        writeThroughChannel();
    }

    /** The control: {@link #fileChannel} again, as its own benchmark; it must come out at 1x. */
    @Benchmark
    public void fileChannelControl() throws IOException {
        writeThroughChannel();
    }

    private void writeThroughChannel() throws IOException {
        for (long op = 0; op < opsPerCall; op++) {
            writeThroughChannelOnce();
        }
    }

    private void writeThroughChannelOnce() throws IOException {
        for (int i = 0; i < blocksPerOp; i++) {
            Blocks.writeFully(handles.channel(), direct, cursor.advance());
        }
        if (forcing) {
            handles.channel().force(false);
        }
    }

    @Benchmark
    public void bufferedStream() throws IOException {
        for (long op = 0; op < opsPerCall; op++) {
            bufferedStreamOnce();
        }
    }

    private void bufferedStreamOnce() throws IOException {
        for (int i = 0; i < blocksPerOp; i++) {
            if (cursor.advance() == 0) {
                handles.outputStream().seek(0);
            }
            handles.outputStream().write(block, 0, blockSize);
        }
        if (forcing) {
            handles.outputStream().force();
        }
    }

    byte[] pattern() {
        return block;
    }
}
