package mmapbench.ipc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Ends a wait that blocks in the kernel without a timeout (a socket or pipe read, a mutex held by
 * a stopped peer): a daemon thread that kills a peer that has kept one message longer than
 * {@link PeerProcess#DEADLINE_SECONDS}, which makes the blocked call return. The timed path only
 * writes two longs with opaque stores.
 */
final class Watchdog {

    private static final VarHandle SENT;
    private static final VarHandle ANSWERED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SENT = l.findVarHandle(Watchdog.class, "sent", long.class);
            ANSWERED = l.findVarHandle(Watchdog.class, "answered", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Process process;
    private final Thread thread;
    /** The last sequence number sent and answered; written with opaque stores, read by the watchdog. */
    @SuppressWarnings("unused")
    private long sent;
    @SuppressWarnings("unused")
    private long answered;
    private volatile boolean killed;
    private volatile boolean stopped;

    Watchdog(Process process) {
        this.process = process;
        this.thread = Thread.ofPlatform().daemon().name("mmapbench-peer-watchdog").unstarted(this::watch);
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopped = true;
    }

    /** Whether it killed the peer: then that, not the broken call, is the story. */
    boolean killed() {
        return killed;
    }

    void sending(long seq) {
        SENT.setOpaque(this, seq);
    }

    void answered(long seq) {
        ANSWERED.setOpaque(this, seq);
    }

    private void watch() {
        long watched = -1;
        long since = System.nanoTime();
        while (!stopped) {
            PeerProcess.sleepMillis(100);
            long s = (long) SENT.getOpaque(this);
            long a = (long) ANSWERED.getOpaque(this);
            long now = System.nanoTime();
            if (s == a || s != watched) {
                watched = s;
                since = now;
            } else if (now - since > PeerProcess.DEADLINE_NANOS && !stopped) {
                killed = true;
                process.destroyForcibly();
                return;
            }
        }
    }
}
