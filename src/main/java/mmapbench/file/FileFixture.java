package mmapbench.file;

import mmapbench.fixture.Advice;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.DataFile;
import mmapbench.fixture.PageCache;
import mmapbench.profile.IoCounters;

import java.io.Closeable;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One data file and the handles one API needs on it for one iteration. The four file benchmark
 * classes share it by composition: the trial makes (or reuses) the file, every iteration
 * establishes the cache state and then opens fresh handles, so that a mapping is always new.
 *
 * <p>Both mapped APIs map through an {@link Arena} so that a mapping can be closed at the end of
 * an iteration: a mapping made by the two-argument {@code FileChannel.map} lives until the GC
 * finds its buffer, and the kernel will not evict pages that are still mapped, so COLD could not
 * be reached. The {@link MappedByteBuffer}s are views of mappings of up to
 * {@value #BUFFER_SHIFT}-bit (1 GiB) each, as many as the file needs, like code that predates
 * FFM maps a large file; the {@link MemorySegment} is one mapping of the whole file.
 */
final class FileFixture implements Closeable {

    /** log2 of the size of one MappedByteBuffer: a power of two, so that no aligned block straddles two. */
    static final int BUFFER_SHIFT = 30;
    static final long BUFFER_MASK = (1L << BUFFER_SHIFT) - 1;

    private final Path file;
    private final boolean writable;

    private Arena arena;
    MemorySegment segment;
    MappedByteBuffer[] buffers;
    RandomAccessFile randomAccessFile;
    FileChannel channel;
    SeekableInputStream inputStream;
    SeekableOutputStream outputStream;

    private FileFixture(Path file, boolean writable) {
        this.file = file;
        this.writable = writable;
    }

    /** A fixture over any file, for tests. */
    static FileFixture of(Path file, boolean writable) {
        return new FileFixture(file, writable);
    }

    /** The file read benchmarks trust; only ever opened for reading. */
    static FileFixture forReading(long fileSize) throws IOException {
        Path dir = DataFile.dataDir();
        return new FileFixture(DataFile.ensure(dir, DataFile.Kind.READ, fileSize, System.out), false);
    }

    /** The scratch file write benchmarks overwrite, never the one reads trust. */
    static FileFixture forWriting(long fileSize) throws IOException {
        Path dir = DataFile.dataDir();
        return new FileFixture(DataFile.ensure(dir, DataFile.Kind.WRITE, fileSize, System.out), true);
    }

    Path file() {
        return file;
    }

    /** Closes the last iteration's handles, establishes {@code cache}, opens what {@code api} needs. */
    void beginIteration(Api api, CacheState cache) throws IOException {
        beginIteration(api, cache, Advice.NORMAL);
    }

    /** As above, and gives a mapping {@code advice} before anything touches it. */
    void beginIteration(Api api, CacheState cache, Advice advice) throws IOException {
        close();
        cache.establish(file);
        if (writable && cache != CacheState.COLD) {
            // The last iteration's dirty pages must not be written back during this one.
            PageCache.writeBack(file);
        }
        FileChannel.MapMode mode = writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY;
        switch (api) {
            case MAPPED_BUFFER -> {
                arena = Arena.ofShared();
                try (FileChannel ch = openChannel()) {
                    long size = ch.size();
                    int count = (int) ((size + BUFFER_MASK) >>> BUFFER_SHIFT);
                    buffers = new MappedByteBuffer[count];
                    for (int i = 0; i < count; i++) {
                        long offset = (long) i << BUFFER_SHIFT;
                        MemorySegment part = ch.map(mode, offset, Math.min(1L << BUFFER_SHIFT, size - offset), arena);
                        advice.apply(part);
                        cache.prepareMapping(part);
                        buffers[i] = (MappedByteBuffer) part.asByteBuffer();
                    }
                }
            }
            case MEMORY_SEGMENT -> {
                arena = Arena.ofShared();
                try (FileChannel ch = openChannel()) {
                    segment = ch.map(mode, 0, ch.size(), arena);
                }
                advice.apply(segment);
                cache.prepareMapping(segment);
            }
            case RANDOM_ACCESS_FILE -> randomAccessFile = new RandomAccessFile(file.toFile(), writable ? "rw" : "r");
            case FILE_CHANNEL -> channel = openChannel();
            case BUFFERED_STREAM -> {
                if (writable) {
                    randomAccessFile = new RandomAccessFile(file.toFile(), "rw");
                    outputStream = new SeekableOutputStream(randomAccessFile);
                } else {
                    inputStream = new SeekableInputStream(new FileInputStream(file.toFile()));
                }
            }
        }
        IoCounters.markStart();
    }

    private FileChannel openChannel() throws IOException {
        return writable
                ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ);
    }

    /** Flushes what a stream still buffers and closes every handle; unmaps. */
    @Override
    public void close() throws IOException {
        IoCounters.markEnd();
        try {
            if (outputStream != null) {
                outputStream.close();
            }
            if (inputStream != null) {
                inputStream.close();
            }
            if (randomAccessFile != null) {
                randomAccessFile.close();
            }
            if (channel != null) {
                channel.close();
            }
        } finally {
            if (arena != null) {
                arena.close();
            }
            arena = null;
            segment = null;
            buffers = null;
            randomAccessFile = null;
            channel = null;
            inputStream = null;
            outputStream = null;
        }
    }
}
