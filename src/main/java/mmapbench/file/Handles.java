package mmapbench.file;

import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * What one API needs to reach the file for one iteration, opened by {@link FileFixture#open}
 * after the cache state is in place; only the handle of the API under test is non-null.
 *
 * @param segment          one FFM mapping of the whole file
 * @param buffers          MappedByteBuffers of {@link Blocks#BUFFER_SIZE} each, covering the file
 * @param randomAccessFile for {@code randomAccessFile}, and under the buffered output stream
 * @param channel          for {@code fileChannel}: positional reads and writes
 * @param inputStream      for {@code bufferedStream} reads
 * @param outputStream     for {@code bufferedStream} writes
 */
record Handles(MemorySegment segment, MappedByteBuffer[] buffers, RandomAccessFile randomAccessFile,
               FileChannel channel, SeekableInputStream inputStream, SeekableOutputStream outputStream) {
}
