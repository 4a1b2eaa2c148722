package mmapbench.ipc;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What a message is, on every channel: {@code payload} bytes of native memory (what a
 * latency-minded user hands a socket: a direct buffer, no copy through a temporary one). The
 * sequence number is stamped into the first and last 8-byte words and into one word every
 * {@value #STRIDE} bytes between, so the body changes with every message and a channel that
 * stopped copying it would echo stale words; the rest is a fixed pattern.
 *
 * <p>The shared-memory layout: a control line (the peer's ready word), the lock region
 * (SHM_LOCK's mutex and one condition per direction), then the request and the reply, each on
 * its own 128-byte boundary (two cache lines, so that the adjacent-line prefetcher does not pull
 * the other side's line). Each region is a sequence word, SHM_FUTEX's "receiver sleeps" word, then
 * the payload, so a small payload shares its line with the sequence word.
 */
final class Wire {

    static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Region alignment: two 64-byte cache lines. */
    static final int LINE = 128;
    /** Bytes between two stamped words of the body: cheap to stamp, and no 512-byte block goes unchecked. */
    static final int STRIDE = 512;
    /** Offset of the word the peer sets to 1 when it has mapped the file. */
    static final long READY = 0;
    /** SHM_LOCK's mutex, then the condition each direction's receiver waits on. */
    static final long LOCK = LINE;
    static final long REQUEST_CONDITION = LOCK + LINE / 2;
    static final long REPLY_CONDITION = LOCK + LINE;
    /** Offset of the request region. */
    static final long REQUEST = LOCK + 2L * LINE;
    /** Within a region: the sequence word, then the receiver's sleeping flag, then the payload. */
    static final long SLEEPING = 8;
    static final long BODY = 16;

    private Wire() {
    }

    /** Offset of the reply region for this payload size. */
    static long reply(int payload) {
        return REQUEST + align(BODY + payload);
    }

    /** Bytes of the shared file for this payload size. */
    static long fileSize(int payload) {
        return reply(payload) + align(BODY + payload);
    }

    /** The condition SHM_LOCK's receiver of {@code region} waits on. */
    static long condition(long region) {
        return region == REQUEST ? REQUEST_CONDITION : REPLY_CONDITION;
    }

    private static long align(long n) {
        return (n + LINE - 1) / LINE * LINE;
    }

    /** Refuses a payload the stamps do not fit, in one line. */
    static int checked(int payload) {
        if (payload < 8 || payload % 8 != 0) {
            throw new IllegalArgumentException("payload " + payload + " is not a positive multiple of 8 bytes:"
                    + " use e.g. 8, 2000 or 65536");
        }
        return payload;
    }

    /** A payload of this size with the fixed pattern, not yet stamped, in {@code arena}. */
    static MemorySegment pattern(Arena arena, int payload) {
        MemorySegment m = arena.allocate(checked(payload), 64);
        for (int i = 0; i < payload; i++) {
            m.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 31 + 7));
        }
        return m;
    }

    static void stamp(MemorySegment message, long seq) {
        long last = message.byteSize() - 8;
        for (long at = 0; at < last; at += STRIDE) {
            message.set(WORD, at, seq);
        }
        message.set(WORD, last, seq);
    }

    /** Whether every stamped word of {@code message} carries {@code seq}. */
    static boolean carries(MemorySegment message, long seq) {
        long last = message.byteSize() - 8;
        for (long at = 0; at < last; at += STRIDE) {
            if (message.get(WORD, at) != seq) {
                return false;
            }
        }
        return message.get(WORD, last) == seq;
    }

    static long first(MemorySegment message) {
        return message.get(WORD, 0);
    }

    static long last(MemorySegment message) {
        return message.get(WORD, message.byteSize() - 8);
    }
}
