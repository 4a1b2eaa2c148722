package mmapbench.ipc;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * Shared memory with a receiver that sleeps in the kernel: {@code futex(2)} wait and wake on the
 * (low 32 bits of the) sequence word: the least a blocking handoff can do, one system call a
 * side, and the fair peer of sockets and pipes, which also pay one wake-up per direction. The receiver never spins: if no new
 * number is there it raises its sleeping flag, looks once more, and calls FUTEX_WAIT, which the
 * kernel refuses if the word has changed in between. The sender publishes the number and calls
 * FUTEX_WAKE only when the flag is up, which spares a system call when the receiver is still awake.
 * Both the flag and the number are volatile (sequentially consistent), so the sender sees the flag
 * or the receiver sees the number: no lost wake-up. The futex is not PRIVATE: two processes share it.
 */
final class FutexEndpoint implements Endpoint {

    private static final VarHandle FLAG = ValueLayout.JAVA_INT.varHandle();

    private final MemorySegment shared;
    private final long out;
    private final long in;
    private final MemorySegment outWord;
    private final MemorySegment inWord;
    private final Waiter waiter;
    /** Allocated once: the relative timeout of one wait, and errno. */
    private final MemorySegment timeout;
    private final MemorySegment state;
    private long lastSeen;

    FutexEndpoint(MemorySegment shared, long out, long in, Waiter waiter) {
        this.shared = shared;
        this.out = out;
        this.in = in;
        this.outWord = shared.asSlice(out, 4);
        this.inWord = shared.asSlice(in, 4);
        this.waiter = waiter;
        Arena arena = Arena.ofAuto();
        this.timeout = arena.allocate(16, 8);
        timeout.set(ValueLayout.JAVA_LONG, 0, 0);
        timeout.set(ValueLayout.JAVA_LONG, 8, Waiter.SLICE_NANOS);
        this.state = arena.allocate(Linux.CALL_STATE);
        this.lastSeen = (long) SpinEndpoint.SEQ.getAcquire(shared, in);
    }

    @Override
    public void send(MemorySegment message) throws IOException {
        MemorySegment.copy(message, 0, shared, out + Wire.BODY, message.byteSize());
        SpinEndpoint.SEQ.setVolatile(shared, out, Wire.first(message));
        if ((int) FLAG.getVolatile(shared, out + Wire.SLEEPING) != 0) {
            long woke = Linux.futexWake(outWord, state);
            if (woke < 0) {
                throw new IOException("futex wake failed with errno " + -woke);
            }
        }
    }

    @Override
    public void receive(MemorySegment message) throws IOException {
        long seq;
        long slices = 0;
        while ((seq = (long) SpinEndpoint.SEQ.getVolatile(shared, in)) == lastSeen) {
            FLAG.setVolatile(shared, in + Wire.SLEEPING, 1);
            if ((long) SpinEndpoint.SEQ.getVolatile(shared, in) == lastSeen) {
                int rc = Linux.futexWait(inWord, (int) lastSeen, timeout, state);
                if (rc != 0 && rc != Linux.EAGAIN && rc != Linux.EINTR && rc != Linux.ETIMEDOUT) {
                    FLAG.setVolatile(shared, in + Wire.SLEEPING, 0);
                    throw new IOException("futex wait failed with errno " + rc);
                }
            }
            FLAG.setVolatile(shared, in + Wire.SLEEPING, 0);
            if ((long) SpinEndpoint.SEQ.getVolatile(shared, in) == lastSeen) {
                waiter.waited(++slices);
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
