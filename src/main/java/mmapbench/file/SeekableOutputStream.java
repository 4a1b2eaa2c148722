package mmapbench.file;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * A {@link BufferedOutputStream} (default 8 KiB buffer) over a file that can be repositioned: a
 * seek writes out what is buffered, then moves the file position, as .NET's buffered
 * {@code FileStream} does.
 */
public final class SeekableOutputStream extends BufferedOutputStream {

    private final RandomAccessFile file;

    /** Shares {@code file}'s descriptor, so the file is not truncated and seeks move both. */
    SeekableOutputStream(RandomAccessFile file) throws IOException {
        super(new FileOutputStream(file.getFD()));
        this.file = file;
    }

    public synchronized void seek(long position) throws IOException {
        flush();
        file.seek(position);
    }

    /** Writes out the buffer and forces the file's data to the device (fdatasync). */
    synchronized void force() throws IOException {
        flush();
        file.getChannel().force(false);
    }
}
