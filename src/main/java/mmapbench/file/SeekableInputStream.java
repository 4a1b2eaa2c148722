package mmapbench.file;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;

/**
 * A {@link BufferedInputStream} (default 8 KiB buffer) that can be repositioned: what .NET's
 * buffered {@code FileStream} does on {@code Seek}, the comparison the lecture made. A seek drops
 * the buffered bytes and moves the file position; the next small read refills the whole buffer
 * from there, a read of a buffer or more goes straight to the file.
 */
final class SeekableInputStream extends BufferedInputStream {

    private final FileInputStream file;

    SeekableInputStream(FileInputStream file) {
        super(file);
        this.file = file;
    }

    synchronized void seek(long position) throws IOException {
        // The buffer array stays; only what it held is forgotten.
        count = 0;
        pos = 0;
        markpos = -1;
        file.getChannel().position(position);
    }
}
