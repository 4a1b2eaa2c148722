package mmapbench.ipc;

import java.io.Closeable;
import java.io.IOException;

/** One side of a channel: sends a whole message, waits for the next whole one. */
interface Endpoint extends Closeable {

    /** Sends {@code payload}, whose first word is its sequence number. */
    void send(byte[] payload) throws IOException;

    /** Waits for the next message and copies it into {@code payload}. */
    void receive(byte[] payload) throws IOException;

    /** What a spin loop calls every {@link #SPINS} spins: a deadline, a liveness check, or a back-off. */
    interface Waiter {
        int SPINS = 1 << 16;

        void waited(long spins) throws IOException;
    }
}
