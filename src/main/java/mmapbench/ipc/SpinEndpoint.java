package mmapbench.ipc;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Shared memory with a spinning receiver: the sender copies the payload in, then publishes its
 * sequence number with a release store; the receiver spins ({@link Thread#onSpinWait}) until an
 * acquire load sees a new number, then copies the payload out. No system call on either side:
 * the busy-waiting floor of every channel.
 *
 * <p>With both processes on one CPU ({@code cpus=SAME}) a pure spinner would burn its whole time
 * slice waiting for a peer that cannot run until the scheduler preempts it (milliseconds, which
 * measures the scheduler's tick, not a handoff). So there the receiver yields the CPU
 * ({@link Thread#yield}, {@code sched_yield}) at every look instead: the honest way to spin on one
 * CPU, and labelled as such in the report.
 */
final class SpinEndpoint implements Endpoint {

    static final VarHandle SEQ = ValueLayout.JAVA_LONG.varHandle();

    private final MemorySegment shared;
    private final long out;
    private final long in;
    private final Waiter waiter;
    private final boolean yielding;
    private long lastSeen;

    SpinEndpoint(MemorySegment shared, long out, long in, Waiter waiter, boolean yielding) {
        this.shared = shared;
        this.out = out;
        this.in = in;
        this.waiter = waiter;
        this.yielding = yielding;
        this.lastSeen = (long) SEQ.getAcquire(shared, in);
    }

    @Override
    public void send(MemorySegment message) {
        MemorySegment.copy(message, 0, shared, out + Wire.BODY, message.byteSize());
        SEQ.setRelease(shared, out, Wire.first(message));
    }

    @Override
    public void receive(MemorySegment message) throws IOException {
        long seq;
        long spins = 0;
        while ((seq = (long) SEQ.getAcquire(shared, in)) == lastSeen) {
            if (yielding) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
            if ((++spins & (Waiter.SPINS - 1)) == 0) {
                waiter.waited(spins);
            }
        }
        MemorySegment.copy(shared, in + Wire.BODY, message, 0, message.byteSize());
        lastSeen = seq;
    }

    @Override
    public void close() {
        // The mapping belongs to whoever made it.
    }
}
