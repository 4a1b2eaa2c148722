package mmapbench.file;

/**
 * Where the next sequential operation goes: front to back in {@code blockSize} steps from 0,
 * wrapping to 0 at the end of the file (one compare, no division in the timed path).
 */
final class SequentialCursor {

    private final int blockSize;
    private final long fileSize;
    private long position;

    SequentialCursor(int blockSize, long fileSize) {
        this.blockSize = blockSize;
        this.fileSize = fileSize;
    }

    /** The offset of this operation's block; moves on, wrapping at the end of the file. */
    long advance() {
        long offset = position;
        long nextPosition = offset + blockSize;
        position = nextPosition == fileSize ? 0 : nextPosition;
        return offset;
    }

    void rewind() {
        position = 0;
    }
}
