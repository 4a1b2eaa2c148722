package mmapbench.ipc;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The lecture's pattern done as a blocking handoff: a named, cross-process mutex guards the
 * shared region; the sender writes under it and releases it, and the receiver sleeps in the kernel
 * until then, for each direction of the round trip. No polling.
 *
 * <p>Why a process-shared pthread mutex with a condition variable, in the mapping itself: the
 * lecture's reader blocks on the writer's named mutex, which works there because the writer
 * creates it already owned. A round trip needs that handoff in both directions, forever, and a
 * mutex alone cannot say "a new message is there" without the receiver polling (lock, look,
 * unlock: what {@code FileLock} forced before, and POSIX record locks have no handoff, so that
 * measured lock barging). POSIX's mutex-plus-wait is the condition variable: the receiver holds
 * the mutex, finds no new number, and {@code pthread_cond_timedwait} sleeps in the kernel and
 * releases it atomically; the sender takes the mutex, copies, publishes the number, releases it
 * and signals. Both live in the shared file ({@code PTHREAD_PROCESS_SHARED}), as a named mutex lives
 * in the kernel's namespace. The mutex is robust: a peer killed while holding it hands it back
 * ({@code EOWNERDEAD}) instead of blocking this side forever. Waits are timed (50 ms slices on
 * CLOCK_MONOTONIC) so that a dead peer is noticed.
 */
final class LockEndpoint implements Endpoint {

    private final MemorySegment shared;
    private final long out;
    private final long in;
    private final MemorySegment mutex;
    private final MemorySegment outCondition;
    private final MemorySegment inCondition;
    private final Waiter waiter;
    /** Allocated once: the absolute end of the current wait slice. */
    private final MemorySegment until;
    private long lastSeen;

    LockEndpoint(MemorySegment shared, long out, long in, Waiter waiter) {
        this.shared = shared;
        this.out = out;
        this.in = in;
        this.mutex = shared.asSlice(Wire.LOCK, Linux.MUTEX_SIZE);
        this.outCondition = shared.asSlice(Wire.condition(out), Linux.COND_SIZE);
        this.inCondition = shared.asSlice(Wire.condition(in), Linux.COND_SIZE);
        this.waiter = waiter;
        this.until = Arena.ofAuto().allocate(16, 8);
        this.lastSeen = (long) SpinEndpoint.SEQ.getAcquire(shared, in);
    }

    /** The benchmark side makes the mutex and conditions in the new file, before the peer maps it. */
    static void initialize(MemorySegment shared) {
        Linux.initSharedLock(shared.asSlice(Wire.LOCK, Linux.MUTEX_SIZE),
                shared.asSlice(Wire.REQUEST_CONDITION, Linux.COND_SIZE),
                shared.asSlice(Wire.REPLY_CONDITION, Linux.COND_SIZE));
    }

    @Override
    public void send(MemorySegment message) throws IOException {
        lock();
        try {
            MemorySegment.copy(message, 0, shared, out + Wire.BODY, message.byteSize());
            SpinEndpoint.SEQ.setRelease(shared, out, Wire.first(message));
        } finally {
            unlock();
        }
        // After the release, so that the woken receiver finds the mutex free instead of sleeping on it
        // again. Nothing is lost: the receiver looks at the number under the mutex before it waits.
        check("pthread_cond_signal", Linux.signal(outCondition));
    }

    @Override
    public void receive(MemorySegment message) throws IOException {
        lock();
        try {
            long seq;
            long slices = 0;
            while ((seq = (long) SpinEndpoint.SEQ.getAcquire(shared, in)) == lastSeen) {
                Linux.monotonicPlus(until, Waiter.SLICE_NANOS);
                int rc = Linux.timedWait(inCondition, mutex, until);
                if (rc == Linux.EOWNERDEAD) {
                    Linux.consistent(mutex);
                } else if (rc != 0 && rc != Linux.ETIMEDOUT) {
                    check("pthread_cond_timedwait", rc);
                }
                if (rc != 0) {
                    waiter.waited(++slices);
                }
            }
            MemorySegment.copy(shared, in + Wire.BODY, message, 0, message.byteSize());
            lastSeen = seq;
        } finally {
            unlock();
        }
    }

    private void lock() throws IOException {
        int rc = Linux.lock(mutex);
        if (rc == Linux.EOWNERDEAD) {
            // The peer died holding it: it is ours now; the waiter reports the death.
            Linux.consistent(mutex);
        } else {
            check("pthread_mutex_lock", rc);
        }
    }

    private void unlock() throws IOException {
        check("pthread_mutex_unlock", Linux.unlock(mutex));
    }

    private static void check(String call, int rc) throws IOException {
        if (rc != 0) {
            throw new IOException(call + " failed with error " + rc);
        }
    }

    @Override
    public void close() {
        // The mapping belongs to whoever made it; the mutex dies with the file.
    }
}
