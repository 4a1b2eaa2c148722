package mmapbench.file;

import mmapbench.fixture.Content;
import mmapbench.fixture.Offsets;
import mmapbench.fixture.CacheState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

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
 *   <li>WARM: resident and clean (written back), the mapping new: the first write to each page
 *       faults and makes the page writable and dirty.</li>
 *   <li>COLD: written back and evicted: a write of less than a page must first read the page from
 *       the device, and a mapped write reads every page it touches first, whatever the size.</li>
 * </ul>
 * There is no HOT for writes: the kernel finds a shared mapping's dirty pages by mapping clean
 * ones read-only, so a pre-faulted mapping still faults on every first write to a page (HOT was
 * slower than WARM), and pre-faulting for writing would dirty the whole file and measure its
 * write-back instead.
 *
 * <p>One iteration is one call that runs exactly {@code ops} writes right after its setup, as
 * {@link RandomReadBenchmark}'s: each write may dirty a clean page (or a whole large folio), a
 * cost that an iteration's count, not the clock, decides how often it meets; and every page an
 * iteration dirtied is written back by the next iteration's setup.
 *
 * <p>Run: {@code ./run-bench.sh -- RandomWrite -p blockSize=4096 -p cache=WARM -p folios=SMALL}.
 */
// Six warm-up calls each after its own setup, not two setups of three: after a batch of three
// (whose pages the next setup writes back together) the measured calls were unsteady within a
// fork, and that unsteadiness, the floor of every interval, set the group's. A warm-up call after
// its own setup is a measured call's twin, and six of them bring a 4096-write call to its speed.
@Warmup(iterations = 6, batchSize = 1)
public class RandomWriteBenchmark extends FileBenchmark {

    /** Where the file's pages are when an iteration starts: not HOT, see the class comment. */
    @Param({"WARM", "COLD"})
    public CacheState cache;

    /** Writes one iteration times; see the class comment. */
    @Param("16384")
    public int ops = 1;

    /** The seed of the bytes every write puts down: not the file's own, so a lost write shows. */
    public static final long PATTERN_SEED = 0x77726974652d7061L;

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
    CacheState cache() {
        return cache;
    }

    @Override
    void checkMoreParams() {
        refuseHot(cache, WRITES_HAVE_NO_HOT);
        checkOps(ops, 1);
    }

    /** Why a write has no HOT state: see the class comment. */
    public static final String WRITES_HAVE_NO_HOT = "a write has no HOT state (a clean page of a shared mapping is mapped"
            + " read-only, so the first write to it faults however the mapping was prepared)";


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
        for (int i = 0; i < ops; i++) {
            Blocks.put(handles.buffers(), cursor.next(), block, blockSize);
        }
    }

    @Benchmark
    public void memorySegment() {
        for (int i = 0; i < ops; i++) {
            MemorySegment.copy(block, 0, handles.segment(), ValueLayout.JAVA_BYTE, cursor.next(), blockSize);
        }
    }

    @Benchmark
    public void randomAccessFile() throws IOException {
        for (int i = 0; i < ops; i++) {
            handles.randomAccessFile().seek(cursor.next());
            handles.randomAccessFile().write(block, 0, blockSize);
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
        for (int i = 0; i < ops; i++) {
            Blocks.writeFully(handles.channel(), direct, cursor.next());
        }
    }

    @Benchmark
    public void bufferedStream() throws IOException {
        for (int i = 0; i < ops; i++) {
            handles.outputStream().seek(cursor.next());
            handles.outputStream().write(block, 0, blockSize);
        }
    }

    /** The offsets this benchmark writes at, in order, for tests. */
    long[] offsets() {
        return cursor.offsets();
    }

    byte[] pattern() {
        return block;
    }
}
