package mmapbench.ipc;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;

/**
 * The lecture's pattern: a lock guards the shared region and each side takes it to hand over.
 * Java's cross-process mutex is a {@link FileLock} ({@code fcntl(F_SETLKW)}) on the shared file.
 * The sender writes under the lock; the receiver takes the lock, looks for a new sequence number,
 * and lets go, until one is there: a handoff through a mutex alone is a polling loop of lock and
 * unlock system calls, which is what this measures.
 */
final class LockEndpoint implements Endpoint {

    private final FileChannel file;
    private final MemorySegment shared;
    private final long out;
    private final long in;
    private final Waiter waiter;
    private long lastSeen;

    LockEndpoint(FileChannel file, MemorySegment shared, long out, long in, Waiter waiter) {
        this.file = file;
        this.shared = shared;
        this.out = out;
        this.in = in;
        this.waiter = waiter;
        this.lastSeen = (long) SpinEndpoint.SEQ.getAcquire(shared, in);
    }

    @Override
    public void send(byte[] payload) throws IOException {
        try (FileLock ignored = file.lock()) {
            MemorySegment.copy(payload, 0, shared, ValueLayout.JAVA_BYTE, out + 8, payload.length);
            SpinEndpoint.SEQ.setRelease(shared, out, Wire.first(payload));
        }
    }

    @Override
    public void receive(byte[] payload) throws IOException {
        long spins = 0;
        while (true) {
            try (FileLock ignored = file.lock()) {
                long seq = (long) SpinEndpoint.SEQ.getAcquire(shared, in);
                if (seq != lastSeen) {
                    MemorySegment.copy(shared, ValueLayout.JAVA_BYTE, in + 8, payload, 0, payload.length);
                    lastSeen = seq;
                    return;
                }
            }
            Thread.onSpinWait();
            // Each poll is two system calls, so check the peer far more often than a spin loop does.
            if ((++spins & 0xFF) == 0) {
                waiter.waited(spins);
            }
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
