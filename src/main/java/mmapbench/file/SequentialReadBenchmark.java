package mmapbench.file;

import mmapbench.fixture.MemoryLimit;
import mmapbench.fixture.CacheState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sequential reads: is the lecture right that streams beat a mapping here?
 *
 * <p>One operation reads the next {@code blockSize} bytes of the {@code fileSize} file, front to
 * back from offset 0 at the start of every iteration, wrapping to 0 at the end, into memory the
 * benchmark owns (a reused {@code byte[]}; for {@code fileChannel} a reused direct buffer); every
 * block's first word goes into the sum the call returns. Bytes per second = {@code blockSize} /
 * the report's figure.
 *
 * <p>One iteration is one call that reads exactly {@code bytes} from offset 0 right after its
 * setup (single shot; the report's figure is the call's time over its blocks). Not the clock:
 * a fresh mapping faults once per folio, and the file's first tens of MiB, which a front-to-back
 * load leaves in smaller folios, fault more, so "as many blocks as fit in 200 ms" shared those
 * faults over a number of blocks set by the iteration's length, and past the end of the file a
 * pass wrapped onto pages already mapped.
 *
 * <p>The cache states are those of {@link CacheState}. COLD measures the device and the kernel's
 * readahead ({@code read_ahead_kb} of the device), which for a mapping works through page-fault
 * read-around instead. A {@code BufferedInputStream} passes a read of its buffer size (8 KiB) or
 * more straight to the file, so for 64 KiB and 1 MiB blocks it is a plain {@code read(2)}.
 *
 * <p>Run: {@code ./run-bench.sh -- SequentialRead -p blockSize=1048576 -p cache=COLD}.
 */
public class SequentialReadBenchmark extends FileBenchmark {

    /** Bytes one iteration reads: a whole number of blocks; see the class comment. */
    @Param("1073741824")
    public long bytes;

    /** Where the file's pages are when an iteration starts: every state. */
    @Param
    public CacheState cache;

    /** Bytes per read. */
    @Param({"4096", "65536", "1048576"})
    public int blockSize;

    private SequentialCursor cursor;
    /** Blocks one call reads: {@code bytes} of them (one, for tests that set none). */
    private long blocks;
    private byte[] block;
    private ByteBuffer direct;

    @Override
    Question question() {
        return Question.SEQUENTIAL_READ;
    }

    @Override
    int blockSize() {
        return blockSize;
    }

    @Override
    CacheState cache() {
        return cache;
    }

    /**
     * Under a memory limit a front-to-back pass finds nothing cached, whatever was resident when
     * it began: the cache holds the file's last pages read, and the pass evicts each of them
     * before it comes back round to it. "WARM" would be COLD by another name.
     */
    @Override
    void checkMoreParams() {
        blocksIn(bytes, blockSize, fileSize);
        if (cache == CacheState.WARM && !MemoryLimit.parse(memoryLimit).none()) {
            throw new IllegalArgumentException("-p cache=WARM with memoryLimit=" + memoryLimit + ": a sequential pass"
                    + " over a file larger than its cache finds none of it cached (each page is evicted before the pass"
                    + " comes back to it), so WARM would be COLD; use -p cache=COLD with a limit");
        }
    }


    @Override
    void prepare() {
        blocks = blocksIn(bytes, blockSize, fileSize);
        cursor = new SequentialCursor(blockSize, fileSize);
        block = new byte[blockSize];
        direct = ByteBuffer.allocateDirect(blockSize).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    void rewind() {
        cursor.rewind();
    }

    @Benchmark
    public long mappedBuffer() {
        long sum = 0;
        for (long i = 0; i < blocks; i++) {
            Blocks.get(handles.buffers(), cursor.advance(), block, blockSize);
            sum += Blocks.firstWord(block);
        }
        return sum;
    }

    @Benchmark
    public long memorySegment() {
        long sum = 0;
        for (long i = 0; i < blocks; i++) {
            MemorySegment.copy(handles.segment(), ValueLayout.JAVA_BYTE, cursor.advance(), block, 0, blockSize);
            sum += Blocks.firstWord(block);
        }
        return sum;
    }

    @Benchmark
    public long randomAccessFile() throws IOException {
        long sum = 0;
        for (long i = 0; i < blocks; i++) {
            if (cursor.advance() == 0) {
                handles.randomAccessFile().seek(0);
            }
            handles.randomAccessFile().readFully(block, 0, blockSize);
            sum += Blocks.firstWord(block);
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
        for (long i = 0; i < blocks; i++) {
            Blocks.readFully(handles.channel(), direct, cursor.advance());
            sum += direct.getLong(0);
        }
        return sum;
    }

    @Benchmark
    public long bufferedStream() throws IOException {
        long sum = 0;
        for (long i = 0; i < blocks; i++) {
            if (cursor.advance() == 0) {
                handles.inputStream().seek(0);
            }
            if (handles.inputStream().readNBytes(block, 0, blockSize) != blockSize) {
                throw new IOException("end of file");
            }
            sum += Blocks.firstWord(block);
        }
        return sum;
    }

    ByteBuffer lastBlock(Api api) {
        return api == Api.FILE_CHANNEL ? direct.duplicate().clear() : ByteBuffer.wrap(block);
    }
}
