package mmapbench.file;

import mmapbench.fixture.Offsets;
import mmapbench.fixture.CacheState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a short-lived mapping costs: the "open, read a few records, close" pattern, where a
 * mapping's page faults are not spread over millions of reads as in {@link RandomReadBenchmark}.
 *
 * <p>One operation opens the data file, reads {@code reads} blocks of {@code blockSize} bytes at
 * the next {@code reads} of the seeded random offsets (so every operation goes to new places),
 * and closes it again. The mapped APIs map the whole file (through an {@link Arena}, so that the
 * mapping really ends with the operation), copy the blocks out, each first touch of a page being
 * a page fault, and unmap; the others open the file and {@code pread} (or seek and read) the same
 * blocks. The score is per operation; the evidence's faults per operation over {@code reads} are
 * the faults per block. Opening a file allocates (a channel, an arena): that is part of the
 * pattern measured, and the same for every API.
 *
 * <p>The page cache state is WARM (resident) or COLD. There is no HOT: it pre-faults a mapping
 * that lives for an iteration, and here every operation's mapping is fresh.
 *
 * <p>One iteration is one call that runs exactly {@code ops} operations right after its setup,
 * as {@link RandomReadBenchmark}'s: from COLD the file warms up as it is read, and the count, not
 * the clock, decides how far.
 *
 * <p>Run: {@code ./run-bench.sh -- ShortLivedRead -p blockSize=4096 -p reads=16 -p cache=WARM}.
 */
public class ShortLivedReadBenchmark extends FileBenchmark {

    /** Where the file's pages are when an iteration starts: resident, or not; see the class comment. */
    @Param({"WARM", "COLD"})
    public CacheState cache;

    /** Operations (open, read, close) one iteration times; see the class comment. */
    @Param("256")
    public int ops = 1;

    /** Bytes per read. */
    @Param({"8", "4096"})
    public int blockSize;

    /** Blocks read between opening the file and closing it. */
    @Param({"16", "256"})
    public int reads;

    private RandomCursor cursor;
    private byte[] block;
    private ByteBuffer direct;
    private Path path;

    @Override
    Question question() {
        return Question.SHORT_LIVED_READ;
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
    boolean opensItsOwnHandles() {
        return true;
    }

    /** Why a short-lived read has no HOT state. */
    public static final String NO_HOT = "every operation maps the file afresh, so there is no mapping to pre-fault";

    @Override
    void checkMoreParams() {
        refuseHot(cache, NO_HOT);
        if (reads >= 1 && reads <= Offsets.COUNT) {
            checkOps(ops, reads);
        }
        if (reads < 1 || reads > Offsets.COUNT) {
            throw new IllegalArgumentException("reads " + reads + " is not from 1 to " + Offsets.COUNT
                    + ": use e.g. 16 or 256");
        }
    }

    @Override
    void prepare() {
        cursor = new RandomCursor(Offsets.random(fileSize, blockSize, thread));
        block = new byte[blockSize];
        direct = ByteBuffer.allocateDirect(blockSize).order(ByteOrder.LITTLE_ENDIAN);
        path = fixture.file();
    }

    @Override
    void rewind() {
        cursor.rewind();
    }

    @Benchmark
    public long mappedBuffer() throws IOException {
        long sum = 0;
        for (int op = 0; op < ops; op++) {
            sum += mappedBufferOnce();
        }
        return sum;
    }

    private long mappedBufferOnce() throws IOException {
        long sum = 0;
        try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            MappedByteBuffer[] buffers = Blocks.mapBuffers(ch, FileChannel.MapMode.READ_ONLY, fileSize, arena, advice);
            for (int i = 0; i < reads; i++) {
                Blocks.get(buffers, cursor.next(), block, blockSize);
                sum += Blocks.firstWord(block);
            }
        }
        return sum;
    }

    @Benchmark
    public long memorySegment() throws IOException {
        long sum = 0;
        for (int op = 0; op < ops; op++) {
            sum += memorySegmentOnce();
        }
        return sum;
    }

    private long memorySegmentOnce() throws IOException {
        long sum = 0;
        try (Arena arena = Arena.ofConfined(); FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment map = ch.map(FileChannel.MapMode.READ_ONLY, 0, fileSize, arena);
            advice.apply(map);
            for (int i = 0; i < reads; i++) {
                MemorySegment.copy(map, ValueLayout.JAVA_BYTE, cursor.next(), block, 0, blockSize);
                sum += Blocks.firstWord(block);
            }
        }
        return sum;
    }

    @Benchmark
    public long randomAccessFile() throws IOException {
        long sum = 0;
        for (int op = 0; op < ops; op++) {
            sum += randomAccessFileOnce();
        }
        return sum;
    }

    private long randomAccessFileOnce() throws IOException {
        long sum = 0;
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "r")) {
            for (int i = 0; i < reads; i++) {
                raf.seek(cursor.next());
                raf.readFully(block, 0, blockSize);
                sum += Blocks.firstWord(block);
            }
        }
        return sum;
    }

    @Benchmark
    public long fileChannel() throws IOException {
        return readThroughChannel();
    }

    /** The control: {@link #fileChannel} again, as its own benchmark; it must come out at 1x. */
    @Benchmark
    public long fileChannelControl() throws IOException {
        return readThroughChannel();
    }

    private long readThroughChannel() throws IOException {
        long sum = 0;
        for (int op = 0; op < ops; op++) {
            sum += readThroughChannelOnce();
        }
        return sum;
    }

    private long readThroughChannelOnce() throws IOException {
        long sum = 0;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            for (int i = 0; i < reads; i++) {
                Blocks.readFully(ch, direct, cursor.next());
                sum += direct.getLong(0);
            }
        }
        return sum;
    }

    @Benchmark
    public long bufferedStream() throws IOException {
        long sum = 0;
        for (int op = 0; op < ops; op++) {
            sum += bufferedStreamOnce();
        }
        return sum;
    }

    private long bufferedStreamOnce() throws IOException {
        long sum = 0;
        try (SeekableInputStream in = new SeekableInputStream(new RandomAccessFile(path.toFile(), "r"))) {
            for (int i = 0; i < reads; i++) {
                in.seek(cursor.next());
                if (in.readNBytes(block, 0, blockSize) != blockSize) {
                    throw new IOException("end of file");
                }
                sum += Blocks.firstWord(block);
            }
        }
        return sum;
    }
}
