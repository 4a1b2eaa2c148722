package mmapbench.file;

import mmapbench.fixture.Offsets;

/**
 * Where the next random operation goes: the next of {@link Offsets#COUNT} precomputed offsets,
 * cycling with a mask (no modulo, no random number in the timed path). Each benchmark state (and
 * so each JMH thread) has its own.
 */
final class RandomCursor {

    private final long[] offsets;
    private int next;

    RandomCursor(long[] offsets) {
        if (Integer.bitCount(offsets.length) != 1) {
            throw new IllegalArgumentException("a cursor cycles with a mask: " + offsets.length + " offsets");
        }
        this.offsets = offsets;
    }

    long next() {
        return offsets[next++ & (offsets.length - 1)];
    }

    /** Back to the first offset: every iteration visits the same places in the same order. */
    void rewind() {
        next = 0;
    }

    long[] offsets() {
        return offsets;
    }
}
