package mmapbench.series;

import mmapbench.file.Api;
import mmapbench.fixture.Advice;
import mmapbench.fixture.Offsets;

import java.io.Closeable;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads {@code blockSize} bytes at the seeded random offsets of {@link Offsets#random} (the
 * single-thread sequence of the random benchmarks, from the first again when it runs out) through
 * one API until told to stop, counting each read where a sampler can see it. Everything is
 * allocated before the first read.
 */
abstract class RandomReader implements Closeable {

    /** Reads so far: one release store a read, a plain store on x86, seen by the sampler's thread. */
    final AtomicLong ops = new AtomicLong();
    private volatile boolean stop;
    final int blockSize;
    private final long[] offsets;
    final byte[] block;
    private final MemorySegment blockSegment;

    RandomReader(long fileSize, int blockSize) {
        this.blockSize = blockSize;
        this.offsets = Offsets.random(fileSize, blockSize, 0);
        this.block = new byte[blockSize];
        this.blockSegment = MemorySegment.ofArray(block);
    }

    static RandomReader open(Api api, Path file, Advice advice, int blockSize) throws IOException {
        long size;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
        }
        return switch (api) {
            case MEMORY_SEGMENT -> new Segment(file, size, blockSize, advice);
            case MAPPED_BUFFER -> new Buffers(file, size, blockSize, advice);
            case RANDOM_ACCESS_FILE -> new Raf(file, size, blockSize);
            case FILE_CHANNEL -> new Channel(file, size, blockSize);
            case BUFFERED_STREAM -> throw new IllegalArgumentException("the first minute runs no bufferedStream: its"
                    + " random read is randomAccessFile's seek and an 8 KiB refill");
        };
    }

    /** Reads until {@link #stop}; returns the sum of the first word of every block, so nothing is optimised away. */
    long run() throws IOException {
        long sum = 0;
        int mask = offsets.length - 1;
        long n = 0;
        while (!stop) {
            readAt(offsets[(int) (n & mask)]);
            sum += blockSegment.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
            ops.setRelease(++n);
        }
        return sum;
    }

    void stop() {
        stop = true;
    }

    /** Reads the block at {@code offset} into {@link #block}. */
    abstract void readAt(long offset) throws IOException;

    private static final class Segment extends RandomReader {
        private final Arena arena = Arena.ofShared();
        private final MemorySegment segment;

        Segment(Path file, long size, int blockSize, Advice advice) throws IOException {
            super(size, blockSize);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                segment = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            }
            advice.apply(segment);
        }

        @Override
        void readAt(long offset) {
            MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset, block, 0, blockSize);
        }

        @Override
        public void close() {
            arena.close();
        }
    }

    /** MappedByteBuffers of up to 1 GiB each, as code that predates FFM maps a large file. */
    private static final class Buffers extends RandomReader {
        private static final int SHIFT = 30;
        private final Arena arena = Arena.ofShared();
        private final MappedByteBuffer[] buffers;

        Buffers(Path file, long size, int blockSize, Advice advice) throws IOException {
            super(size, blockSize);
            int n = (int) ((size + (1L << SHIFT) - 1) >>> SHIFT);
            buffers = new MappedByteBuffer[n];
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                for (int i = 0; i < n; i++) {
                    long at = (long) i << SHIFT;
                    MemorySegment s = ch.map(FileChannel.MapMode.READ_ONLY, at, Math.min(1L << SHIFT, size - at), arena);
                    advice.apply(s);
                    buffers[i] = (MappedByteBuffer) s.asByteBuffer();
                }
            }
        }

        @Override
        void readAt(long offset) {
            // Block-aligned offsets never straddle two buffers: 1 GiB is a multiple of every block size.
            buffers[(int) (offset >>> SHIFT)].get((int) (offset & ((1L << SHIFT) - 1)), block, 0, blockSize);
        }

        @Override
        public void close() {
            arena.close();
        }
    }

    private static final class Raf extends RandomReader {
        private final RandomAccessFile raf;

        Raf(Path file, long size, int blockSize) throws IOException {
            super(size, blockSize);
            raf = new RandomAccessFile(file.toFile(), "r");
        }

        @Override
        void readAt(long offset) throws IOException {
            raf.seek(offset);
            raf.readFully(block, 0, blockSize);
        }

        @Override
        public void close() throws IOException {
            raf.close();
        }
    }

    private static final class Channel extends RandomReader {
        private final FileChannel channel;
        private final ByteBuffer direct;

        Channel(Path file, long size, int blockSize) throws IOException {
            super(size, blockSize);
            channel = FileChannel.open(file, StandardOpenOption.READ);
            direct = ByteBuffer.allocateDirect(blockSize).order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        void readAt(long offset) throws IOException {
            direct.clear();
            while (direct.hasRemaining()) {
                if (channel.read(direct, offset + direct.position()) < 0) {
                    throw new IOException("end of file at " + (offset + direct.position()));
                }
            }
            direct.get(0, block, 0, blockSize);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
