package mmapbench.ipc;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Shared memory with a spinning receiver: the sender copies the payload in, then publishes its
 * sequence number with a release store; the receiver spins ({@link Thread#onSpinWait}) until an
 * acquire load sees a new number, then copies the payload out. No system call on either side.
 */
final class SpinEndpoint implements Endpoint {

    static final VarHandle SEQ = ValueLayout.JAVA_LONG.varHandle();

    private final MemorySegment shared;
    private final long out;
    private final long in;
    private final Waiter waiter;
    private long lastSeen;

    SpinEndpoint(MemorySegment shared, long out, long in, Waiter waiter) {
        this.shared = shared;
        this.out = out;
        this.in = in;
        this.waiter = waiter;
        this.lastSeen = (long) SEQ.getAcquire(shared, in);
    }

    @Override
    public void send(byte[] payload) {
        MemorySegment.copy(payload, 0, shared, ValueLayout.JAVA_BYTE, out + 8, payload.length);
        SEQ.setRelease(shared, out, Wire.first(payload));
    }

    @Override
    public void receive(byte[] payload) throws java.io.IOException {
        long seq;
        long spins = 0;
        while ((seq = (long) SEQ.getAcquire(shared, in)) == lastSeen) {
            Thread.onSpinWait();
            if ((++spins & (Waiter.SPINS - 1)) == 0) {
                waiter.waited(spins);
            }
        }
        MemorySegment.copy(shared, ValueLayout.JAVA_BYTE, in + 8, payload, 0, payload.length);
        lastSeen = seq;
    }

    @Override
    public void close() {
        // The mapping belongs to whoever made it.
    }
}
