package mmapbench.ipc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The life of a peer process, from the benchmark's side: launch, liveness, the watchdog, the
 * failure messages, and cleanup.
 *
 * <p>Deadlines: every wait for the peer ends within {@link #DEADLINE_SECONDS} s. A waiting loop
 * (spin, or a timed kernel wait) asks {@link #liveness} now and then; a call that blocks in the
 * kernel without a timeout is ended by the {@link Watchdog}. Either way the caller gets one clear
 * message.
 *
 * <p>Cleanup: {@link #close} stops the peer and deletes the shared file or socket; a shutdown hook
 * does the same if the JVM exits without it; and the peer itself exits and deletes them when this
 * process dies, even by SIGKILL.
 */
final class PeerProcess implements AutoCloseable {

    /** How long any wait for the peer may take, in seconds. */
    static final int DEADLINE_SECONDS = 10;
    static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);

    private final Channel channel;
    private final Process process;
    private final List<Path> files;
    private final Thread hook;
    private final Watchdog watchdog;
    private boolean closed;

    private PeerProcess(Channel channel, Process process, List<Path> files, Thread hook) {
        this.channel = channel;
        this.process = process;
        this.files = files;
        this.hook = hook;
        this.watchdog = new Watchdog(process);
    }

    /** Starts {@link Peer} with the same {@code java} and class path; the hook deletes {@code files} if the JVM exits first. */
    static PeerProcess launch(Channel channel, List<String> peerArgs, List<Path> files) throws IOException {
        Process[] started = new Process[1];
        Thread hook = new Thread(() -> {
            Process p;
            synchronized (started) {
                p = started[0];
            }
            if (p != null) {
                p.destroyForcibly();
            }
            deleteAll(files);
        }, "mmapbench-peer-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                // A small, quiet JVM: the peer allocates nothing after it has connected.
                "-Xmx64m", "-XX:+UseSerialGC", "-Xshare:auto",
                // mmapbench.fixture.JvmOptions: FFM (futex, pthread, sched_setaffinity) is restricted.
                mmapbench.fixture.JvmOptions.NATIVE_ACCESS,
                Peer.class.getName()));
        command.addAll(peerArgs);
        command.add(String.valueOf(ProcessHandle.current().pid()));
        try {
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(channel == Channel.PIPE ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD)
                    .start();
            synchronized (started) {
                started[0] = p;
            }
            return new PeerProcess(channel, p, files, hook);
        } catch (IOException | RuntimeException e) {
            deleteAll(files);
            removeHook(hook);
            throw e;
        }
    }

    Process process() {
        return process;
    }

    List<Path> files() {
        return files;
    }

    /** For waiting loops: fails when the peer has died, or when one wait has lasted past the deadline. */
    Endpoint.Waiter liveness() {
        return new Endpoint.Waiter() {
            private long waitStarted;
            private long lastCount = Long.MAX_VALUE;

            @Override
            public void waited(long count) throws IOException {
                long now = System.nanoTime();
                if (count <= lastCount) {
                    // A new wait: the count started again.
                    waitStarted = now;
                }
                lastCount = count;
                checkAlive("to reply");
                if (now - waitStarted > DEADLINE_NANOS) {
                    process.destroyForcibly();
                    throw new PeerFailure(channel + " peer (pid " + process.pid() + ") did not reply within "
                            + DEADLINE_SECONDS + " s; it was stopped");
                }
            }
        };
    }

    void checkAlive(String what) throws PeerFailure {
        if (!process.isAlive()) {
            throw new PeerFailure(died(what));
        }
    }

    private String died(String what) {
        int code = process.exitValue();
        String signal = code > 128 ? String.format(Locale.ROOT, " (signal %d%s)", code - 128,
                code == 137 ? ", SIGKILL" : "") : "";
        return channel + " peer (pid " + process.pid() + ") died with exit code " + code + signal + " while the benchmark"
                + " waited for it " + what;
    }

    /** The peer has not done {@code what} within the deadline. */
    PeerFailure tooSlow(String what) {
        return new PeerFailure(channel + " peer (pid " + process.pid() + ") did not " + what + " within "
                + DEADLINE_SECONDS + " s");
    }

    void startWatchdog() {
        watchdog.start();
    }

    /** Call before a message goes out: the watchdog times the wait from here. */
    void sending(long seq) {
        watchdog.sending(seq);
    }

    /** Call when its answer is in. */
    void answered(long seq) {
        watchdog.answered(seq);
    }

    /** Turns a failed exchange into the one message a user should see. */
    PeerFailure failure(long seq, Exception cause) {
        if (watchdog.killed()) {
            return new PeerFailure(channel + " peer (pid " + process.pid() + ") did not reply to message " + seq
                    + " within " + DEADLINE_SECONDS + " s; it was stopped", cause);
        }
        if (cause instanceof PeerFailure f) {
            return f;
        }
        waitQuietly(process, 1);
        if (!process.isAlive()) {
            return new PeerFailure(died("to reply to message " + seq), cause);
        }
        return new PeerFailure(channel + " exchange " + seq + " with the peer (pid " + process.pid() + ") failed: "
                + cause, cause);
    }

    /** Stops the peer (end of file on its input, then SIGKILL if it lingers) and deletes the files. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        watchdog.stop();
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Already closed.
        }
        if (!waitQuietly(process, 2)) {
            process.destroyForcibly();
            waitQuietly(process, DEADLINE_SECONDS);
        }
        deleteAll(files);
        removeHook(hook);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // Shutting down: the hook runs anyway.
        }
    }

    private static void deleteAll(List<Path> files) {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // Best effort on the way out; the peer deletes them too.
            }
        }
    }

    private static boolean waitQuietly(Process p, int seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
