package mmapbench.file;

import mmapbench.fixture.Content;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
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
@Warmup(iterations = 1, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 400, timeUnit = TimeUnit.MILLISECONDS)
public class SequentialWriteBenchmark extends FileBenchmark {

    /** Bytes per write. */
    @Param({"4096", "65536", "1048576"})
    public int blockSize;

    /** Bytes between forces to the device; 0 = never (page cache only). */
    @Param({"0", "268435456"})
    public long forceEvery;

    private SequentialCursor cursor;
    private long forceInterval;
    /** The end offset of the block that completes the stretch to force next; -1 never. */
    private long forceAt;
    /** Where that stretch starts. */
    private long stretchFrom;
    /** Forces done, for tests: the force path must really run. */
    int forces;
    private byte[] block;
    private ByteBuffer direct;
    /** The stretches of the mapping to force, made before timing: slicing allocates. */
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
    void checkMoreParams() {
        if (forceEvery < 0 || forceEvery % blockSize != 0) {
            throw new IllegalArgumentException("forceEvery " + forceEvery + " is not 0 or a multiple of blockSize "
                    + blockSize + ": use 0 (never) or a whole number of blocks");
        }
    }

    @Override
    void prepare() {
        cursor = new SequentialCursor(blockSize, fileSize);
        // Never force more often than once a pass.
        forceInterval = forceEvery == 0 ? 0 : Math.min(forceEvery, fileSize);
        block = Content.bytes(RandomWriteBenchmark.PATTERN_SEED, 0, blockSize);
        direct = ByteBuffer.allocateDirect(blockSize).put(block).clear();
    }

    @Override
    void rewind() {
        stretches = null;
        if (h.segment() != null && forceInterval != 0) {
            stretches = new MemorySegment[(int) ((fileSize + forceInterval - 1) / forceInterval)];
            for (int i = 0; i < stretches.length; i++) {
                long start = i * forceInterval;
                stretches[i] = h.segment().asSlice(start, Math.min(forceInterval, fileSize - start));
            }
        }
        cursor.rewind();
        stretchFrom = 0;
        forceAt = forceInterval == 0 ? -1 : forceInterval;
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
        long offset = cursor.advance();
        Blocks.put(h.buffers(), offset, block, blockSize);
        if (forceDue(offset)) {
            for (long at = stretchFrom; at < forceAt; ) {
                MappedByteBuffer buffer = h.buffers()[(int) (at >>> Blocks.BUFFER_SHIFT)];
                int index = (int) (at & Blocks.BUFFER_MASK);
                int length = (int) Math.min(forceAt - at, buffer.capacity() - index);
                buffer.force(index, length);
                at += length;
            }
            nextStretch();
        }
    }

    @Benchmark
    public void memorySegment() {
        long offset = cursor.advance();
        MemorySegment.copy(block, 0, h.segment(), ValueLayout.JAVA_BYTE, offset, blockSize);
        if (forceDue(offset)) {
            stretches[(int) (stretchFrom / forceInterval)].force();
            nextStretch();
        }
    }

    @Benchmark
    public void randomAccessFile() throws IOException {
        long offset = cursor.advance();
        if (offset == 0) {
            h.randomAccessFile().seek(0);
        }
        h.randomAccessFile().write(block, 0, blockSize);
        if (forceDue(offset)) {
            h.randomAccessFile().getChannel().force(false);
            nextStretch();
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
        long offset = cursor.advance();
        Blocks.writeFully(h.channel(), direct, offset);
        if (forceDue(offset)) {
            h.channel().force(false);
            nextStretch();
        }
    }

    @Benchmark
    public void bufferedStream() throws IOException {
        long offset = cursor.advance();
        if (offset == 0) {
            h.outputStream().seek(0);
        }
        h.outputStream().write(block, 0, blockSize);
        if (forceDue(offset)) {
            h.outputStream().force();
            nextStretch();
        }
    }

    byte[] pattern() {
        return block;
    }
}
