package mmapbench.file;

import mmapbench.fixture.Advice;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.DataFile;
import mmapbench.fixture.Folios;
import mmapbench.fixture.PageCache;
import mmapbench.profile.IoCounters;

import java.io.Closeable;
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
 * establishes the cache state and then opens fresh {@link Handles}, so that a mapping is always new.
 *
 * <p>Both mapped APIs map through an {@link Arena} so that a mapping can be closed at the end of
 * an iteration: a mapping made by the two-argument {@code FileChannel.map} lives until the GC
 * finds its buffer, and the kernel will not evict pages that are still mapped, so COLD could not
 * be reached. The {@link MappedByteBuffer}s are views of mappings of up to
 * {@link Blocks#BUFFER_SIZE} (1 GiB) each, as many as the file needs, like code that predates
 * FFM maps a large file; the {@link MemorySegment} is one mapping of the whole file.
 */
public final class FileFixture implements Closeable {

    private final Path file;
    private final boolean writable;

    private Arena arena;
    private Handles handles;
    /**
     * Whether this fixture (this thread) has opened the evidence window and not yet closed it. The
     * window is shared by all threads, from the first one's start to the last one's end; a thread
     * that ended what it never started would close the window early and lose its first reads.
     */
    private boolean counting;

    private FileFixture(Path file, boolean writable) {
        this.file = file;
        this.writable = writable;
    }

    /** A fixture over any file, for tests. */
    public static FileFixture of(Path file, boolean writable) {
        return new FileFixture(file, writable);
    }

    /**
     * The trial's fixture for {@code question}: makes or reuses its data file. Write questions get
     * the scratch file, never the one reads trust.
     */
    static FileFixture forQuestion(Question question, long fileSize) throws IOException {
        Path path = DataFile.ensure(DataFile.dataDir(), question.dataFile(), fileSize, System.out);
        return new FileFixture(path, question.writes);
    }

    public Path file() {
        return file;
    }

    boolean writable() {
        return writable;
    }

    /**
     * Puts {@code file} in {@code cache} state: once per iteration for all threads
     * ({@link SharedFixture}), while no mapping of it is open.
     */
    static void establish(Path file, boolean writable, CacheState cache, Folios folios) throws IOException {
        cache.establish(file, folios);
        if (writable && cache != CacheState.COLD) {
            // The last iteration's dirty pages must not be written back during this one.
            PageCache.writeBack(file);
        }
    }

    /**
     * Closes the last iteration's handles, opens what {@code api} needs (nothing when it is null:
     * the benchmark opens the file in every operation), gives a mapping {@code advice} before
     * anything touches it, and starts the evidence window.
     */
    public Handles open(Api api, CacheState cache, Advice advice) throws IOException {
        close();
        FileChannel.MapMode mode = writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY;
        if (api == null) {
            handles = Handles.NONE;
            startCounting();
            return handles;
        }
        handles = switch (api) {
            case MAPPED_BUFFER -> {
                arena = Arena.ofShared();
                try (FileChannel ch = openChannel()) {
                    MappedByteBuffer[] buffers = Blocks.mapBuffers(ch, mode, ch.size(), arena, advice);
                    for (MappedByteBuffer buffer : buffers) {
                        cache.prepareMapping(MemorySegment.ofBuffer(buffer));
                    }
                    yield Handles.ofBuffers(buffers);
                }
            }
            case MEMORY_SEGMENT -> {
                arena = Arena.ofShared();
                MemorySegment segment;
                try (FileChannel ch = openChannel()) {
                    segment = ch.map(mode, 0, ch.size(), arena);
                }
                advice.apply(segment);
                cache.prepareMapping(segment);
                yield Handles.ofSegment(segment);
            }
            case RANDOM_ACCESS_FILE -> Handles.ofRandomAccessFile(new RandomAccessFile(file.toFile(), writable ? "rw" : "r"));
            case FILE_CHANNEL -> Handles.ofChannel(openChannel());
            case BUFFERED_STREAM -> {
                if (writable) {
                    RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
                    yield Handles.ofOutputStream(raf, new SeekableOutputStream(raf));
                }
                yield Handles.ofInputStream(new SeekableInputStream(new RandomAccessFile(file.toFile(), "r")));
            }
        };
        startCounting();
        return handles;
    }

    private void startCounting() {
        IoCounters.markStart();
        counting = true;
    }

    private FileChannel openChannel() throws IOException {
        return writable
                ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ);
    }

    /** Ends the evidence window, flushes what a stream still buffers, closes every handle, unmaps. */
    @Override
    public void close() throws IOException {
        if (counting) {
            counting = false;
            IoCounters.markEnd();
        }
        Handles open = handles;
        handles = null;
        try {
            if (open != null) {
                if (open.outputStream() != null) {
                    open.outputStream().close();
                }
                if (open.inputStream() != null) {
                    open.inputStream().close();
                }
                if (open.randomAccessFile() != null) {
                    open.randomAccessFile().close();
                }
                if (open.channel() != null) {
                    open.channel().close();
                }
            }
        } finally {
            if (arena != null) {
                arena.close();
            }
            arena = null;
        }
    }
}
