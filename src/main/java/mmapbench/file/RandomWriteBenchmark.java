package mmapbench.file;

import mmapbench.fixture.Content;
import mmapbench.fixture.Offsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
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
 * <p>Iterations are 50 ms: each leaves the next iteration's setup the write-back of every page
 * it dirtied, scattered over the file, and a longer iteration would leave more of it.
 *
 * <p>Run: {@code ./run-bench.sh -- RandomWrite -p blockSize=4096 -p cache=WARM -p folios=SMALL}.
 */
@Warmup(iterations = 1, time = 50, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 50, timeUnit = TimeUnit.MILLISECONDS)
public class RandomWriteBenchmark extends FileBenchmark {

    /** The seed of the bytes every write puts down: not the file's own, so a lost write shows. */
    static final long PATTERN_SEED = 0x77726974652d7061L;

    /** Bytes per write. */
    @Param({"8", "4096", "65536"})
    public int blockSize;

    private RandomCursor cursor;
    private byte[] block;
    private ByteBuffer direct;

    @Override
    Question question() {
        return Question.RANDOM_WRITE;
    }

    @Override
    int blockSize() {
        return blockSize;
    }

    @Override
    void prepare() {
        init(fixture, Offsets.random(fileSize, blockSize, thread));
    }

    /** The trial's fixture; tests pass their own file and offsets. */
    void init(FileFixture fixture, long[] offsets) {
        this.fixture = fixture;
        cursor = new RandomCursor(offsets);
        block = Content.bytes(PATTERN_SEED, 0, blockSize);
        direct = ByteBuffer.allocateDirect(blockSize).put(block).clear();
    }

    @Override
    void rewind() {
        cursor.rewind();
    }

    @Benchmark
    public void mappedBuffer() {
        Blocks.put(handles.buffers(), cursor.next(), block, blockSize);
    }

    @Benchmark
    public void memorySegment() {
        MemorySegment.copy(block, 0, handles.segment(), ValueLayout.JAVA_BYTE, cursor.next(), blockSize);
    }

    @Benchmark
    public void randomAccessFile() throws IOException {
        handles.randomAccessFile().seek(cursor.next());
        handles.randomAccessFile().write(block, 0, blockSize);
    }

    @Benchmark
    public void fileChannel() throws IOException {
        Blocks.writeFully(handles.channel(), direct, cursor.next());
    }

    /** The control: {@link #fileChannel} again, as its own benchmark; it must come out at 1x. */
    @Benchmark
    public void fileChannelControl() throws IOException {
        Blocks.writeFully(handles.channel(), direct, cursor.next());
    }

    @Benchmark
    public void bufferedStream() throws IOException {
        handles.outputStream().seek(cursor.next());
        handles.outputStream().write(block, 0, blockSize);
    }

    /** The offsets this benchmark writes at, in order, for tests. */
    long[] offsets() {
        return cursor.offsets();
    }

    byte[] pattern() {
        return block;
    }
}
