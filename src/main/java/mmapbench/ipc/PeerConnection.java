package mmapbench.ipc;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A peer process and the channel to it, from the benchmark's side: starts the peer with the same
 * {@code java} and class path, connects, and guarantees that every wait ends.
 *
 * <p>Deadlines: the peer must connect within {@link #DEADLINE_SECONDS} seconds, and answer every
 * message within as long. A spin loop checks the peer and the clock every 2^16 spins; a call that
 * blocks in the kernel is watched by a daemon thread that kills a peer that has kept a message
 * longer than the deadline, which ends the call. Either way the caller gets one clear message.
 *
 * <p>Cleanup: {@link #close} stops the peer and deletes the shared file or socket; a shutdown hook
 * does the same if the JVM exits without it; and the peer itself exits and deletes them when this
 * process dies, even by SIGKILL.
 */
final class PeerConnection implements AutoCloseable {

    /** How long any wait for the peer may take, in seconds. */
    static final int DEADLINE_SECONDS = 10;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);

    private static final VarHandle SENT;
    private static final VarHandle ANSWERED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SENT = l.findVarHandle(PeerConnection.class, "sent", long.class);
            ANSWERED = l.findVarHandle(PeerConnection.class, "answered", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Channel channel;
    private final Process process;
    private final Endpoint endpoint;
    private final List<Path> files;
    private final Arena arena;
    private final Thread hook;
    private final Thread watchdog;
    /** The last sequence number sent and answered; written with opaque stores, read by the watchdog. */
    @SuppressWarnings("unused")
    private long sent;
    @SuppressWarnings("unused")
    private long answered;
    private volatile boolean killedByWatchdog;
    private volatile boolean closed;

    private PeerConnection(Channel channel, Process process, Endpoint endpoint, List<Path> files, Arena arena,
                           Thread hook) {
        this.channel = channel;
        this.process = process;
        this.endpoint = endpoint;
        this.files = files;
        this.arena = arena;
        this.hook = hook;
        this.watchdog = Thread.ofPlatform().daemon().name("mmapbench-peer-watchdog").unstarted(this::watch);
    }

    /** Starts a peer for {@code channel} and {@code payload}-byte messages, and connects to it. */
    static PeerConnection start(Channel channel, int payload) throws IOException {
        Wire.pattern(payload);
        List<Path> files = new ArrayList<>();
        Arena arena = null;
        Process process = null;
        Thread hook = null;
        ServerSocketChannel server = null;
        try {
            String address;
            MemorySegment shared = null;
            FileChannel sharedChannel = null;
            switch (channel) {
                case SHM_SPIN, SHM_LOCK -> {
                    Path file = SharedFiles.create(SharedFiles.folder(), "shm");
                    files.add(file);
                    sharedChannel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    arena = Arena.ofShared();
                    shared = sharedChannel.map(FileChannel.MapMode.READ_WRITE, 0, Wire.fileSize(payload), arena);
                    address = file.toString();
                }
                case UNIX_SOCKET -> {
                    Path socket = SharedFiles.socketPath();
                    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                    server.bind(UnixDomainSocketAddress.of(socket));
                    files.add(socket);
                    address = socket.toString();
                }
                case TCP_LOOPBACK -> {
                    server = ServerSocketChannel.open();
                    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                    address = String.valueOf(((InetSocketAddress) server.getLocalAddress()).getPort());
                }
                case PIPE -> address = "-";
                default -> throw new IllegalArgumentException(channel.name());
            }
            AtomicReference<Process> started = new AtomicReference<>();
            hook = cleanupHook(started, files);
            Runtime.getRuntime().addShutdownHook(hook);
            process = new ProcessBuilder(command(channel, payload, address))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(channel == Channel.PIPE ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.DISCARD)
                    .start();
            Process p = process;
            started.set(p);
            Endpoint endpoint = connect(channel, payload, p, shared, sharedChannel, server);
            PeerConnection c = new PeerConnection(channel, p, endpoint, files, arena, hook);
            c.watchdog.start();
            return c;
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                process.destroyForcibly();
                waitQuietly(process);
            }
            if (arena != null) {
                arena.close();
            }
            deleteAll(files);
            if (hook != null) {
                removeHook(hook);
            }
            throw e;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static List<String> command(Channel channel, int payload, String address) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                // A small, quiet JVM: the peer allocates nothing after it has connected.
                "-Xmx64m", "-XX:+UseSerialGC", "-Xshare:auto",
                Peer.class.getName(), channel.name(), String.valueOf(payload), address,
                String.valueOf(ProcessHandle.current().pid()));
    }

    private static Endpoint connect(Channel channel, int payload, Process p, MemorySegment shared,
                                    FileChannel sharedChannel, ServerSocketChannel server) throws IOException {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        Endpoint.Waiter waiter = liveness(channel, p);
        switch (channel) {
            case SHM_SPIN, SHM_LOCK -> {
                while ((long) SpinEndpoint.SEQ.getAcquire(shared, Wire.READY) != 1L) {
                    checkAlive(channel, p, "to map the shared file");
                    if (System.nanoTime() > deadline) {
                        throw new PeerFailure(channel + " peer (pid " + p.pid() + ") did not map the shared file within "
                                + DEADLINE_SECONDS + " s");
                    }
                    sleepMillis(1);
                }
                return channel == Channel.SHM_SPIN
                        ? new SpinEndpoint(shared, Wire.REQUEST, Wire.reply(payload), waiter)
                        : new LockEndpoint(sharedChannel, shared, Wire.REQUEST, Wire.reply(payload), waiter);
            }
            case UNIX_SOCKET, TCP_LOOPBACK -> {
                server.configureBlocking(false);
                SocketChannel s;
                while ((s = server.accept()) == null) {
                    checkAlive(channel, p, "to connect");
                    if (System.nanoTime() > deadline) {
                        throw new PeerFailure(channel + " peer (pid " + p.pid() + ") did not connect within "
                                + DEADLINE_SECONDS + " s");
                    }
                    sleepMillis(1);
                }
                s.configureBlocking(true);
                if (channel == Channel.TCP_LOOPBACK) {
                    s.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                return new StreamEndpoint.Socket(s);
            }
            case PIPE -> {
                // The peer writes one byte when it is ready; a dead peer gives end of file.
                while (p.getInputStream().available() == 0) {
                    checkAlive(channel, p, "to start");
                    if (System.nanoTime() > deadline) {
                        throw new PeerFailure(channel + " peer (pid " + p.pid() + ") did not start within "
                                + DEADLINE_SECONDS + " s");
                    }
                    sleepMillis(1);
                }
                if (p.getInputStream().read() != 1) {
                    throw new PeerFailure(channel + " peer (pid " + p.pid() + ") sent something else than its ready byte");
                }
                return new StreamEndpoint.Pipe(p.getInputStream(), p.getOutputStream());
            }
            default -> throw new IllegalArgumentException(channel.name());
        }
    }

    /** For spin loops: fails when the peer has died, or when one wait has lasted past the deadline. */
    private static Endpoint.Waiter liveness(Channel channel, Process p) {
        return new Endpoint.Waiter() {
            private long waitStarted;
            private long lastSpins = Long.MAX_VALUE;

            @Override
            public void waited(long spins) throws IOException {
                long now = System.nanoTime();
                if (spins <= lastSpins) {
                    // A new wait: the spin count started again.
                    waitStarted = now;
                }
                lastSpins = spins;
                checkAlive(channel, p, "to reply");
                if (now - waitStarted > DEADLINE_NANOS) {
                    p.destroyForcibly();
                    throw new PeerFailure(channel + " peer (pid " + p.pid() + ") did not reply within "
                            + DEADLINE_SECONDS + " s; it was stopped");
                }
            }
        };
    }

    private static void checkAlive(Channel channel, Process p, String what) throws PeerFailure {
        if (!p.isAlive()) {
            throw new PeerFailure(died(channel, p, what));
        }
    }

    private static String died(Channel channel, Process p, String what) {
        int code = p.exitValue();
        String signal = code > 128 ? String.format(Locale.ROOT, " (signal %d%s)", code - 128,
                code == 137 ? ", SIGKILL" : "") : "";
        return channel + " peer (pid " + p.pid() + ") died with exit code " + code + signal + " while the benchmark"
                + " waited for it " + what;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    Process process() {
        return process;
    }

    /** The shared file or socket, if the channel has one. */
    List<Path> files() {
        return files;
    }

    /** Call before a message goes out: the watchdog times the wait from here. */
    void sending(long seq) {
        SENT.setOpaque(this, seq);
    }

    /** Call when its answer is in. */
    void answered(long seq) {
        ANSWERED.setOpaque(this, seq);
    }

    /** Turns a failed exchange into the one message a user should see. */
    PeerFailure failure(long seq, Exception cause) {
        if (killedByWatchdog) {
            return new PeerFailure(channel + " peer (pid " + process.pid() + ") did not reply to message " + seq
                    + " within " + DEADLINE_SECONDS + " s; it was stopped", cause);
        }
        if (cause instanceof PeerFailure f) {
            return f;
        }
        waitQuietly(process, 1);
        if (!process.isAlive()) {
            return new PeerFailure(died(channel, process, "to reply to message " + seq), cause);
        }
        return new PeerFailure(channel + " exchange " + seq + " with the peer (pid " + process.pid() + ") failed: "
                + cause, cause);
    }

    private void watch() {
        long watched = -1;
        long since = System.nanoTime();
        while (!closed) {
            sleepMillis(100);
            long s = (long) SENT.getOpaque(this);
            long a = (long) ANSWERED.getOpaque(this);
            long now = System.nanoTime();
            if (s == a || s != watched) {
                watched = s;
                since = now;
            } else if (now - since > DEADLINE_NANOS && !closed) {
                killedByWatchdog = true;
                process.destroyForcibly();
                return;
            }
        }
    }

    /** Stops the peer (end of file on its input, then SIGKILL if it lingers) and deletes the files. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            endpoint.close();
        } catch (IOException ignored) {
            // The peer is stopped below either way.
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Already closed with the pipe endpoint.
        }
        if (!waitQuietly(process, 2)) {
            process.destroyForcibly();
            waitQuietly(process);
        }
        if (arena != null) {
            arena.close();
        }
        deleteAll(files);
        removeHook(hook);
    }

    private static Thread cleanupHook(AtomicReference<Process> peer, List<Path> files) {
        return new Thread(() -> {
            Process p = peer.get();
            if (p != null) {
                p.destroyForcibly();
            }
            deleteAll(files);
        }, "mmapbench-peer-cleanup");
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

    private static void waitQuietly(Process p) {
        waitQuietly(p, DEADLINE_SECONDS);
    }

    private static boolean waitQuietly(Process p, int seconds) {
        try {
            return p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A peer that died, hung or misbehaved: one message that says which and what to look at. */
    static final class PeerFailure extends IOException {
        PeerFailure(String message) {
            super(message);
        }

        PeerFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
