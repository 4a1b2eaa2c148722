package mmapbench.ipc;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/** One side of a channel: sends a whole message, waits for the next whole one. */
interface Endpoint extends Closeable {

    /** Sends {@code message}, whose first word is its sequence number. */
    void send(MemorySegment message) throws IOException;

    /** Waits for the next message and copies it into {@code message}. */
    void receive(MemorySegment message) throws IOException;

    /**
     * What a waiting loop calls now and then (every {@link #SPINS} spins, or after each timed-out
     * kernel wait): a deadline, a liveness check, or nothing. {@code count} starts again at 1 with
     * every new wait.
     */
    interface Waiter {
        int SPINS = 1 << 16;
        /** How long one blocking wait sleeps before it looks at the peer: short against the 10 s deadline. */
        long SLICE_NANOS = 50_000_000L;
        Waiter NONE = count -> { };

        void waited(long count) throws IOException;
    }
}
