package mmapbench.file;

import mmapbench.fixture.Content;
import mmapbench.fixture.DataFile;
import mmapbench.fixture.Offsets;
import mmapbench.fixture.CacheState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Random reads: does a mapping beat the other APIs ~10x, as the lecture says?
 *
 * <p>One operation reads {@code blockSize} bytes at the next of {@link Offsets#COUNT} seeded,
 * block-aligned offsets spread over the whole {@code fileSize} file, the same offsets in the same
 * order for every API, into memory the benchmark owns (a reused {@code byte[]}; for
 * {@code fileChannel}, a reused direct buffer). It is the lecture's {@code ReadArray} for the
 * mapped APIs. Every word read goes into the sum the method returns, so nothing can be optimised
 * away.
 *
 * <p>One iteration is one call that runs exactly {@code ops} operations right after its setup put
 * the file in its {@code cache} state (single shot: JMH's score is the call's time, the report's
 * figure that over {@code ops}). A count, not the clock, because in two of the states a cost is
 * paid once per so many reads: a fresh mapping faults once per page (WARM), a cold file warms up
 * as it is read (COLD); with "however many reads fit in 200 ms" the figure would be set by the
 * iteration's length. The report names the count with every WARM and COLD figure.
 *
 * <p>What it depends on is the {@code cache} state (see {@link CacheState}): HOT measures the
 * page cache and the steady cost of reaching a page (a syscall and a copy, or a load); WARM adds
 * a fresh mapping's faults, shared over {@code ops}; COLD measures the device and its read-around.
 * The buffered stream seeks, which drops its buffer, then refills its 8 KiB buffer for any read
 * smaller than that.
 *
 * <p>Run: {@code ./run-bench.sh -- RandomRead -p blockSize=4096 -p cache=COLD -p ops=256}.
 */
public class RandomReadBenchmark extends FileBenchmark {

    /** Where the file's pages are when an iteration starts: every state. */
    @Param
    public CacheState cache;

    /** Reads one iteration times; see the class comment. */
    @Param("65536")
    public int ops = 1;

    /** Bytes per read. */
    @Param({"8", "4096", "65536"})
    public int blockSize;

    /** Whether each read's offset depends on the word the read before it returned: see {@link Access}. Empty: both. */
    @Param
    public Access access = Access.INDEPENDENT;

    private RandomCursor cursor;
    private boolean dependent;
    /** The word the last read returned; DEPENDENT reads XOR it into their precomputed key. */
    private long last;
    private long lastAtStart;
    private byte[] block;
    private ByteBuffer direct;

    @Override
    Question question() {
        return Question.RANDOM_READ;
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
        checkOps(ops, 1);
    }


    @Override
    void prepare() {
        init(fixture, Offsets.random(fileSize, blockSize, thread), DataFile.Kind.READ.seed);
    }

    /**
     * The trial's fixture; tests pass their own file, offsets and the seed of its content. For
     * DEPENDENT, the cursor holds each offset XOR the first word at the offset before it (known
     * from the file's generator), so that XOR with the word just read gives the offset back.
     */
    void init(FileFixture fixture, long[] offsets, long contentSeed) {
        this.fixture = fixture;
        dependent = access == Access.DEPENDENT;
        long[] keys = offsets;
        if (dependent) {
            keys = new long[offsets.length];
            for (int i = 0; i < offsets.length; i++) {
                long before = offsets[(i + offsets.length - 1) % offsets.length];
                keys[i] = offsets[i] ^ Content.word(contentSeed, before >>> 3);
            }
            lastAtStart = Content.word(contentSeed, offsets[offsets.length - 1] >>> 3);
        }
        cursor = new RandomCursor(keys);
        block = new byte[blockSize];
        direct = ByteBuffer.allocateDirect(blockSize).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    void rewind() {
        cursor.rewind();
        last = lastAtStart;
    }

    /**
     * The next offset. A branch, not arithmetic: the CPU predicts it and runs INDEPENDENT reads
     * ahead, while a data dependency through {@code last & 0} would serialise them too.
     */
    private long nextOffset() {
        return dependent ? cursor.next() ^ last : cursor.next();
    }

    /**
     * Operations per inner loop: every timed method runs its {@code ops} in calls of its own loop of
     * at most this many, so that the loop C2 compiles has ended many times before it does. With one
     * loop of 65536, C2 could compile it on-stack in the first call, before it had ever ended,
     * speculate that it never ends, and throw the code away when it did (an {@code unstable_if}
     * trap at the loop's exit, as {@code -XX:+LogCompilation} names it): the code compiled after
     * that was about twice as slow, so a fork took one of two values by when its compilations
     * happened, and {@code -XX:+PrintCompilation} showed the trap in every slow fork. One call per
     * 1024 operations is no cost beside an operation.
     */
    static final int CHUNK = 1024;

    @Benchmark
    public long mappedBuffer() {
        long sum = 0;
        for (int done = 0; done < ops; done += CHUNK) {
            sum += mappedBuffer(Math.min(CHUNK, ops - done));
        }
        return sum;
    }

    private long mappedBuffer(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            Blocks.get(handles.buffers(), nextOffset(), block, blockSize);
            sum += last = Blocks.firstWord(block);
        }
        return sum;
    }

    @Benchmark
    public long memorySegment() {
        long sum = 0;
        for (int done = 0; done < ops; done += CHUNK) {
            sum += memorySegment(Math.min(CHUNK, ops - done));
        }
        return sum;
    }

    private long memorySegment(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            MemorySegment.copy(handles.segment(), ValueLayout.JAVA_BYTE, nextOffset(), block, 0, blockSize);
            sum += last = Blocks.firstWord(block);
        }
        return sum;
    }

    @Benchmark
    public long randomAccessFile() throws IOException {
        long sum = 0;
        for (int done = 0; done < ops; done += CHUNK) {
            sum += randomAccessFile(Math.min(CHUNK, ops - done));
        }
        return sum;
    }

    private long randomAccessFile(int n) throws IOException {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            handles.randomAccessFile().seek(nextOffset());
            handles.randomAccessFile().readFully(block, 0, blockSize);
            sum += last = Blocks.firstWord(block);
        }
        return sum;
    }

    @Benchmark
    public long fileChannel() throws IOException {
        return readThroughChannel();
    }

    /**
     * The control: {@link #fileChannel} again, as its own benchmark, measured like every other
     * row. It must come out at 1x against {@code fileChannel}; how far it strays is this run's noise floor.
     */
    @Benchmark
    public long fileChannelControl() throws IOException {
        return readThroughChannel();
    }

    private long readThroughChannel() throws IOException {
        long sum = 0;
        for (int done = 0; done < ops; done += CHUNK) {
            sum += readThroughChannel(Math.min(CHUNK, ops - done));
        }
        return sum;
    }

    private long readThroughChannel(int n) throws IOException {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            Blocks.readFully(handles.channel(), direct, nextOffset());
            sum += last = direct.getLong(0);
        }
        return sum;
    }

    @Benchmark
    public long bufferedStream() throws IOException {
        long sum = 0;
        for (int done = 0; done < ops; done += CHUNK) {
            sum += bufferedStream(Math.min(CHUNK, ops - done));
        }
        return sum;
    }

    private long bufferedStream(int n) throws IOException {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            handles.inputStream().seek(nextOffset());
            if (handles.inputStream().readNBytes(block, 0, blockSize) != blockSize) {
                throw new IOException("end of file");
            }
            sum += last = Blocks.firstWord(block);
        }
        return sum;
    }

    /** What the last operation read, for tests. */
    ByteBuffer lastBlock(Api api) {
        return api == Api.FILE_CHANNEL ? direct.duplicate().clear() : ByteBuffer.wrap(block);
    }
}
