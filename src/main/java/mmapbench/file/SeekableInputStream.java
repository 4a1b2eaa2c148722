package mmapbench.file;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * A {@link BufferedInputStream} (default 8 KiB buffer) that can be repositioned: what .NET's
 * buffered {@code FileStream} does on {@code Seek}, the comparison the lecture made. A seek drops
 * the buffered bytes and moves the file position; the next small read refills the whole buffer
 * from there, a read of a buffer or more goes straight to the file.
 *
 * <p>The position moves with {@link RandomAccessFile#seek}, one {@code lseek}, as a user's code
 * would: {@code FileChannel.position} adds its own locking and checks to every seek, which would
 * be charged to the stream.
 */
public final class SeekableInputStream extends BufferedInputStream {

    private final RandomAccessFile file;

    /** Reads through {@code file}'s descriptor, so that its seeks move the stream. */
    public SeekableInputStream(RandomAccessFile file) throws IOException {
        super(new FileInputStream(file.getFD()));
        this.file = file;
    }

    public synchronized void seek(long position) throws IOException {
        // The buffer array stays; only what it held is forgotten.
        count = 0;
        pos = 0;
        markpos = -1;
        file.seek(position);
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            file.close();
        }
    }
}
