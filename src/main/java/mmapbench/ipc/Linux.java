package mmapbench.ipc;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The Linux and glibc calls the IPC channels need and the JDK does not expose, through FFM:
 * {@code futex(2)}, {@code sched_setaffinity(2)}, process-shared pthread mutexes and condition
 * variables, and the monotonic clock their timed waits count on. The timed paths call these with
 * segments allocated once, so a call allocates nothing.
 */
final class Linux {

    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ETIMEDOUT = 110;
    static final int EOWNERDEAD = 130;
    static final int CLOCK_MONOTONIC = 1;
    /** glibc x86-64 sizes: the shared-memory layout reserves room for them ({@link Wire#LOCK}). */
    static final long MUTEX_SIZE = 40;
    static final long COND_SIZE = 48;
    /** Bytes of the CPU mask passed to sched_*affinity: 1024 CPUs, glibc's cpu_set_t. */
    static final long CPU_MASK_BYTES = 128;

    private static final long SYS_FUTEX = 202;
    private static final int FUTEX_WAIT = 0;
    private static final int FUTEX_WAKE = 1;
    private static final int PTHREAD_PROCESS_SHARED = 1;
    private static final int PTHREAD_MUTEX_ROBUST = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    // syscall(2) is variadic; futex takes (addr, op, val, timeout, addr2, val3).
    private static final MethodHandle SYSCALL_FUTEX = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("syscall"),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"));
    private static final MethodHandle SET_AFFINITY = withErrno("sched_setaffinity",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle GET_AFFINITY = withErrno("sched_getaffinity",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    // The pthread functions return their error number instead of setting errno.
    private static final MethodHandle MUTEXATTR_INIT = plain("pthread_mutexattr_init", JAVA_INT, ADDRESS);
    private static final MethodHandle MUTEXATTR_SETPSHARED = plain("pthread_mutexattr_setpshared", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle MUTEXATTR_SETROBUST = plain("pthread_mutexattr_setrobust", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle MUTEX_INIT = plain("pthread_mutex_init", JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle MUTEX_LOCK = plain("pthread_mutex_lock", JAVA_INT, ADDRESS);
    private static final MethodHandle MUTEX_UNLOCK = plain("pthread_mutex_unlock", JAVA_INT, ADDRESS);
    private static final MethodHandle MUTEX_CONSISTENT = plain("pthread_mutex_consistent", JAVA_INT, ADDRESS);
    private static final MethodHandle CONDATTR_INIT = plain("pthread_condattr_init", JAVA_INT, ADDRESS);
    private static final MethodHandle CONDATTR_SETPSHARED = plain("pthread_condattr_setpshared", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle CONDATTR_SETCLOCK = plain("pthread_condattr_setclock", JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle COND_INIT = plain("pthread_cond_init", JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle COND_SIGNAL = plain("pthread_cond_signal", JAVA_INT, ADDRESS);
    private static final MethodHandle COND_TIMEDWAIT = plain("pthread_cond_timedwait", JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
    private static final MethodHandle CLOCK_GETTIME = plain("clock_gettime", JAVA_INT, JAVA_INT, ADDRESS);

    private Linux() {
    }

    private static MethodHandle withErrno(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), d, Linker.Option.captureCallState("errno"));
    }

    private static MethodHandle plain(String name, java.lang.foreign.MemoryLayout result, java.lang.foreign.MemoryLayout... args) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), FunctionDescriptor.of(result, args));
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** FUTEX_WAIT (shared, not private: the word is in a mapping of two processes); 0 or an errno. */
    static int futexWait(MemorySegment word, int expected, MemorySegment relativeTimeout, MemorySegment state) {
        try {
            long rc = (long) SYSCALL_FUTEX.invokeExact(state, SYS_FUTEX, word, FUTEX_WAIT, expected, relativeTimeout,
                    MemorySegment.NULL, 0);
            return rc == 0 ? 0 : errno(state);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** FUTEX_WAKE for one waiter; returns how many woke, or -errno. */
    static long futexWake(MemorySegment word, MemorySegment state) {
        try {
            long rc = (long) SYSCALL_FUTEX.invokeExact(state, SYS_FUTEX, word, FUTEX_WAKE, 1, MemorySegment.NULL,
                    MemorySegment.NULL, 0);
            return rc >= 0 ? rc : -errno(state);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The calling thread's allowed CPUs (tid 0 = the calling thread, not the whole process). */
    static void getAffinity(MemorySegment mask) throws IOException {
        affinity(GET_AFFINITY, "sched_getaffinity", mask);
    }

    /** Restricts the calling thread, and only it, to the CPUs in {@code mask}. */
    static void setAffinity(MemorySegment mask) throws IOException {
        affinity(SET_AFFINITY, "sched_setaffinity", mask);
    }

    private static void affinity(MethodHandle call, String name, MemorySegment mask) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) call.invokeExact(state, 0, mask.byteSize(), mask);
            if (rc < 0) {
                throw new IOException(name + " failed with errno " + errno(state));
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Makes a robust, process-shared mutex at {@code mutex} and a process-shared, monotonic condition at each {@code conds}. */
    static void initSharedLock(MemorySegment mutex, MemorySegment... conds) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mattr = arena.allocate(8);
            check("pthread_mutexattr_init", (int) MUTEXATTR_INIT.invokeExact(mattr));
            check("pthread_mutexattr_setpshared", (int) MUTEXATTR_SETPSHARED.invokeExact(mattr, PTHREAD_PROCESS_SHARED));
            check("pthread_mutexattr_setrobust", (int) MUTEXATTR_SETROBUST.invokeExact(mattr, PTHREAD_MUTEX_ROBUST));
            check("pthread_mutex_init", (int) MUTEX_INIT.invokeExact(mutex, mattr));
            MemorySegment cattr = arena.allocate(8);
            check("pthread_condattr_init", (int) CONDATTR_INIT.invokeExact(cattr));
            check("pthread_condattr_setpshared", (int) CONDATTR_SETPSHARED.invokeExact(cattr, PTHREAD_PROCESS_SHARED));
            check("pthread_condattr_setclock", (int) CONDATTR_SETCLOCK.invokeExact(cattr, CLOCK_MONOTONIC));
            for (MemorySegment c : conds) {
                check("pthread_cond_init", (int) COND_INIT.invokeExact(c, cattr));
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void check(String what, int rc) {
        if (rc != 0) {
            throw new IllegalStateException(what + " failed with error " + rc);
        }
    }

    /** 0, or EOWNERDEAD (the owner died: the caller holds it now and must make it consistent), or an error. */
    static int lock(MemorySegment mutex) {
        try {
            return (int) MUTEX_LOCK.invokeExact(mutex);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static int unlock(MemorySegment mutex) {
        try {
            return (int) MUTEX_UNLOCK.invokeExact(mutex);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static int consistent(MemorySegment mutex) {
        try {
            return (int) MUTEX_CONSISTENT.invokeExact(mutex);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static int signal(MemorySegment cond) {
        try {
            return (int) COND_SIGNAL.invokeExact(cond);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Waits on {@code cond} until {@code absolute} on CLOCK_MONOTONIC; 0, ETIMEDOUT, EOWNERDEAD or an error. */
    static int timedWait(MemorySegment cond, MemorySegment mutex, MemorySegment absolute) {
        try {
            return (int) COND_TIMEDWAIT.invokeExact(cond, mutex, absolute);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Fills {@code timespec} with CLOCK_MONOTONIC now plus {@code nanos} (under a second). */
    static void monotonicPlus(MemorySegment timespec, long nanos) {
        try {
            int ignored = (int) CLOCK_GETTIME.invokeExact(CLOCK_MONOTONIC, timespec);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        long ns = timespec.get(JAVA_LONG, 8) + nanos;
        // No division on the path of every wait: both parts are under a second.
        if (ns >= 1_000_000_000L) {
            ns -= 1_000_000_000L;
            timespec.set(JAVA_LONG, 0, timespec.get(JAVA_LONG, 0) + 1);
        }
        timespec.set(JAVA_LONG, 8, ns);
    }
}
