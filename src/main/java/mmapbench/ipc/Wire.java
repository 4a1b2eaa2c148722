package mmapbench.ipc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * What a message is, on every channel: {@code payload} bytes whose first and last 8-byte words
 * carry the sequence number (for an 8-byte payload they are the same word). The rest is a fixed
 * pattern that the peer echoes back unchanged.
 *
 * <p>The shared-memory layout: a control line, then the request and the reply, each starting on
 * its own 128-byte boundary (two cache lines, so that the adjacent-line prefetcher does not pull
 * the other side's line). Each region is a sequence word followed by the payload, so a small
 * payload shares its line with the sequence word.
 */
final class Wire {

    static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Region alignment: two 64-byte cache lines. */
    static final int LINE = 128;
    /** Offset of the word the peer sets to 1 when it has mapped the file. */
    static final long READY = 0;
    /** Offset of the request region: its sequence word, then the payload. */
    static final long REQUEST = LINE;

    private Wire() {
    }

    /** Offset of the reply region for this payload size. */
    static long reply(int payload) {
        return REQUEST + align(8L + payload);
    }

    /** Bytes of the shared file for this payload size. */
    static long fileSize(int payload) {
        return reply(payload) + align(8L + payload);
    }

    private static long align(long n) {
        return (n + LINE - 1) / LINE * LINE;
    }

    /** A payload of this size with the fixed pattern, not yet stamped. */
    static byte[] pattern(int payload) {
        if (payload < 8 || payload % 8 != 0) {
            throw new IllegalArgumentException("payload " + payload + " is not a positive multiple of 8 bytes:"
                    + " use e.g. 8, 2000 or 65536");
        }
        byte[] bytes = new byte[payload];
        for (int i = 0; i < payload; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    static void stamp(byte[] payload, long seq) {
        WORD.set(payload, 0, seq);
        WORD.set(payload, payload.length - 8, seq);
    }

    static long first(byte[] payload) {
        return (long) WORD.get(payload, 0);
    }

    static long last(byte[] payload) {
        return (long) WORD.get(payload, payload.length - 8);
    }
}
