package mmapbench.tail;

import mmapbench.file.ShortLivedReadBenchmark;
import mmapbench.file.Api;
import mmapbench.file.Blocks;
import mmapbench.file.FileFixture;
import mmapbench.file.SeekableInputStream;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Offsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Short-lived random reads (open, read a few blocks, close), one read at a time: how slow are
 * the slow reads of a file that is opened, and for the mapped APIs mapped, for a few of them?
 *
 * <p>One operation is one read, not one open-read-close: the lecture's question is what a read
 * costs, and a fresh mapping's reads are where its first-touch faults land. Each call does what
 * {@code ShortLivedReadBenchmark} does, over the same data file in the same {@code cache} state
 * (WARM or COLD; no HOT, since every open maps afresh), set up by the same fixture before every
 * iteration: {@code ops} times it opens the file (the mapped APIs map all of it through an
 * {@link Arena}), reads {@code reads} blocks of {@code blockSize} bytes at the next of the same
 * seeded offsets, and closes (unmaps) it. Each read is timed on its own
 * ({@code System.nanoTime()} before and after) into a preallocated HdrHistogram; opening,
 * mapping, unmapping and closing are not in any read's time: the average rows
 * ({@code ShortLivedReadBenchmark}) carry them. Opening allocates (a channel, an arena), outside
 * the timed stretch and the same for every API; nothing is allocated between the two clock reads.
 *
 * <p>A mapped read of a fresh mapping is a page fault whenever it is the first to its page in
 * that mapping (a minor one from WARM, one that reads around its page from COLD); a
 * {@code pread} is a system call and a copy. An iteration is one call right after the state was
 * set, as in the average rows: 16 opens of 16 reads from a cold file (256 reads; 1536 a fork:
 * p99), 256 opens from a resident one (24576 a fork: p99.9).
 *
 * <p>Named so that a user's {@code ShortLived} pattern, which picks the average rows, does not pick it too.
 *
 * <p>Run: {@code ./run-bench.sh -- OpenReadCloseTail -p cache=COLD -p ops=16 -p reads=16} (the
 * {@code IoProfiler} the launcher turns on publishes the percentiles; by hand,
 * {@code -prof mmapbench.tail.TailProfiler}).
 */
public class OpenReadCloseTailBenchmark extends TailBenchmark {

    /** Where the file's pages are when an iteration starts: resident, or not. */
    @Param({"WARM", "COLD"})
    public CacheState cache;

    /** Opens (open, read, close) one iteration runs, as in the average rows. */
    @Param("256")
    public int ops = 1;

    /** Blocks read, each timed, between opening the file and closing it. */
    @Param("16")
    public int reads = 1;

    private Path path;
    /** The next offset of this iteration: every open goes on to new places, as the average rows' cursor. */
    private int next;

    @Override
    CacheState cache() {
        return cache;
    }

    @Override
    int ops() {
        return ops;
    }

    @Override
    long offsetsPerIteration() {
        return (long) ops * reads;
    }

    @Override
    String noHot() {
        return ShortLivedReadBenchmark.NO_HOT;
    }

    @Override
    public void checkParams() {
        if (reads < 1 || reads > Offsets.COUNT) {
            throw new IllegalArgumentException("-p reads=" + reads + " is not from 1 to " + Offsets.COUNT
                    + ": use e.g. -p reads=16");
        }
        super.checkParams();
    }

    @Override
    void init(FileFixture fixture, long[] offsets) {
        super.init(fixture, offsets);
        path = fixture.file();
    }

    /**
     * Opens nothing, since every operation opens the file itself, but starts the evidence window
     * on the file the shared state just put in its cache state (its setup runs first).
     */
    @Setup(Level.Iteration)
    public void beginIteration(TailFixture shared) throws IOException {
        beginIteration();
    }

    void beginIteration() throws IOException {
        fixture.open(null, cache, advice);
        next = 0;
    }

    // Each read takes its offset before the clock starts, and records after it stops: the time is the read alone.

    @Benchmark
    public long mappedBuffer() throws IOException {
        long sum = 0;
        for (int op = 0; op < ops; op++) {
            try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                MappedByteBuffer[] buffers = Blocks.mapBuffers(ch, FileChannel.MapMode.READ_ONLY, fileSize, arena, advice);
                for (int i = 0; i < reads; i++) {
                    long offset = offsets[next++];
                    long start = System.nanoTime();
                    Blocks.get(buffers, offset, block, blockSize);
                    times.record(System.nanoTime() - start);
                    sum += Blocks.firstWord(block);
                }
            }
        }
        return sum;
    }

    @Benchmark
    public long memorySegment() throws IOException {
        long sum = 0;
        for (int op = 0; op < ops; op++) {
            try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                MemorySegment map = ch.map(FileChannel.MapMode.READ_ONLY, 0, fileSize, arena);
                advice.apply(map);
                for (int i = 0; i < reads; i++) {
                    long offset = offsets[next++];
                    long start = System.nanoTime();
                    MemorySegment.copy(map, ValueLayout.JAVA_BYTE, offset, block, 0, blockSize);
                    times.record(System.nanoTime() - start);
                    sum += Blocks.firstWord(block);
                }
            }
        }
        return sum;
    }

    @Benchmark
    public long randomAccessFile() throws IOException {
        long sum = 0;
        for (int op = 0; op < ops; op++) {
            try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "r")) {
                for (int i = 0; i < reads; i++) {
                    long offset = offsets[next++];
                    long start = System.nanoTime();
                    raf.seek(offset);
                    raf.readFully(block, 0, blockSize);
                    times.record(System.nanoTime() - start);
                    sum += Blocks.firstWord(block);
                }
            }
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
        for (int op = 0; op < ops; op++) {
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                for (int i = 0; i < reads; i++) {
                    long offset = offsets[next++];
                    long start = System.nanoTime();
                    Blocks.readFully(ch, direct, offset);
                    times.record(System.nanoTime() - start);
                    sum += direct.getLong(0);
                }
            }
        }
        return sum;
    }

    @Benchmark
    public long bufferedStream() throws IOException {
        long sum = 0;
        for (int op = 0; op < ops; op++) {
            try (SeekableInputStream in = new SeekableInputStream(new RandomAccessFile(path.toFile(), "r"))) {
                for (int i = 0; i < reads; i++) {
                    long offset = offsets[next++];
                    long start = System.nanoTime();
                    in.seek(offset);
                    if (in.readNBytes(block, 0, blockSize) != blockSize) {
                        throw new IOException("end of file");
                    }
                    times.record(System.nanoTime() - start);
                    sum += Blocks.firstWord(block);
                }
            }
        }
        return sum;
    }

    /** What the last read read, for tests. */
    ByteBuffer lastBlock(Api api) {
        return api == Api.FILE_CHANNEL ? direct.duplicate().clear() : ByteBuffer.wrap(block);
    }
}
