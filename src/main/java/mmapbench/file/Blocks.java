package mmapbench.file;

import mmapbench.fixture.Advice;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The per-operation steps the file benchmarks share, written once: addressing a block in the
 * array of MappedByteBuffers, the read-fully and write-fully loops of positional FileChannel I/O,
 * and the word a read returns. All are small static methods that the JIT inlines into the timed
 * method, so a reader of a benchmark still sees one call per step.
 */
public final class Blocks {

    /** log2 of the size of one MappedByteBuffer: a power of two, so that no aligned block straddles two. */
    static final int BUFFER_SHIFT = 30;
    static final long BUFFER_SIZE = 1L << BUFFER_SHIFT;
    static final long BUFFER_MASK = BUFFER_SIZE - 1;

    private static final VarHandle FIRST_WORD =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Blocks() {
    }

    /**
     * Maps {@code size} bytes of {@code channel} as code that predates FFM maps a large file: in
     * MappedByteBuffers of up to {@link #BUFFER_SIZE} each, every one a mapping of its own in
     * {@code arena} (so that closing the arena unmaps them), each advised before anything touches it.
     */
    public static MappedByteBuffer[] mapBuffers(FileChannel channel, FileChannel.MapMode mode, long size, Arena arena,
                                                Advice advice) throws IOException {
        MappedByteBuffer[] buffers = new MappedByteBuffer[(int) ((size + BUFFER_MASK) >>> BUFFER_SHIFT)];
        for (int i = 0; i < buffers.length; i++) {
            long offset = (long) i << BUFFER_SHIFT;
            MemorySegment part = channel.map(mode, offset, Math.min(BUFFER_SIZE, size - offset), arena);
            advice.apply(part);
            buffers[i] = (MappedByteBuffer) part.asByteBuffer();
        }
        return buffers;
    }

    /** Copies {@code length} bytes at file offset {@code offset} out of the mapping into {@code dst}. */
    public static void get(MappedByteBuffer[] buffers, long offset, byte[] dst, int length) {
        buffers[(int) (offset >>> BUFFER_SHIFT)].get((int) (offset & BUFFER_MASK), dst, 0, length);
    }

    /** Copies {@code length} bytes of {@code src} into the mapping at file offset {@code offset}. */
    public static void put(MappedByteBuffer[] buffers, long offset, byte[] src, int length) {
        buffers[(int) (offset >>> BUFFER_SHIFT)].put((int) (offset & BUFFER_MASK), src, 0, length);
    }

    /**
     * Reads {@code dst.capacity()} bytes at {@code offset} ({@code pread}). Rewinds first: without
     * it the second read would ask for zero bytes and get them.
     */
    public static void readFully(FileChannel channel, ByteBuffer dst, long offset) throws IOException {
        dst.clear();
        while (dst.hasRemaining()) {
            if (channel.read(dst, offset + dst.position()) < 0) {
                throw new IOException("end of file at " + (offset + dst.position()));
            }
        }
    }

    /**
     * Writes all of {@code src} at {@code offset} ({@code pwrite}). Rewinds first: without it every
     * write after the first would write zero bytes.
     */
    public static void writeFully(FileChannel channel, ByteBuffer src, long offset) throws IOException {
        src.clear();
        while (src.hasRemaining()) {
            channel.write(src, offset + src.position());
        }
    }

    /** The block's first little-endian word: what a read returns, so that nothing is optimised away. */
    public static long firstWord(byte[] block) {
        return (long) FIRST_WORD.get(block, 0);
    }
}
