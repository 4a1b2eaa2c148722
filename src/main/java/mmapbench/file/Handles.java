package mmapbench.file;

import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * What one API needs to reach the file for one iteration, opened by {@link FileFixture#open}
 * after the cache state is in place; only the handles of the API under test are set, so it is
 * made through the factory named after that API, never positionally.
 *
 * @param segment          one FFM mapping of the whole file
 * @param buffers          MappedByteBuffers of {@link Blocks#BUFFER_SIZE} each, covering the file
 * @param randomAccessFile for {@code randomAccessFile}, and under the buffered output stream
 * @param channel          for {@code fileChannel}: positional reads and writes
 * @param inputStream      for {@code bufferedStream} reads
 * @param outputStream     for {@code bufferedStream} writes
 */
public record Handles(MemorySegment segment, MappedByteBuffer[] buffers, RandomAccessFile randomAccessFile,
               FileChannel channel, SeekableInputStream inputStream, SeekableOutputStream outputStream) {

    /** For a benchmark that opens the file in every operation. */
    static final Handles NONE = new Handles(null, null, null, null, null, null);

    static Handles ofSegment(MemorySegment segment) {
        return new Handles(segment, null, null, null, null, null);
    }

    static Handles ofBuffers(MappedByteBuffer[] buffers) {
        return new Handles(null, buffers, null, null, null, null);
    }

    static Handles ofRandomAccessFile(RandomAccessFile file) {
        return new Handles(null, null, file, null, null, null);
    }

    static Handles ofChannel(FileChannel channel) {
        return new Handles(null, null, null, channel, null, null);
    }

    static Handles ofInputStream(SeekableInputStream in) {
        return new Handles(null, null, null, null, in, null);
    }

    /** The stream, and the file under it, whose channel forces what the stream wrote. */
    static Handles ofOutputStream(RandomAccessFile file, SeekableOutputStream out) {
        return new Handles(null, null, file, null, null, out);
    }
}
