package mmapbench.ipc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How one channel is set up, on both sides: the benchmark side makes something to meet at
 * ({@link #listen}) and waits, without blocking, for the peer to show up ({@link #poll}); the peer
 * side connects to it ({@link #connect}) and says it is ready. {@link #of} is the one place that
 * maps a {@link Channel} to its setup, for both processes.
 */
abstract class Transport implements AutoCloseable {

    /** The setup of {@code channel}; {@code sameCpu} makes a spinning receiver yield ({@link SpinEndpoint}). */
    static Transport of(Channel channel, int payload, boolean sameCpu) {
        return switch (channel) {
            case SHM_SPIN -> new ShmTransport(payload, (shared, out, in, w) -> new SpinEndpoint(shared, out, in, w, sameCpu),
                    shared -> { });
            case SHM_FUTEX -> new ShmTransport(payload, FutexEndpoint::new, shared -> { });
            case SHM_LOCK -> new ShmTransport(payload, LockEndpoint::new, LockEndpoint::initialize);
            case UNIX_SOCKET -> new SocketTransport(true);
            case TCP_LOOPBACK -> new SocketTransport(false);
            case PIPE -> new PipeTransport();
        };
    }

    /** Benchmark side: makes what the peer will connect to; returns its address for the peer's command line. */
    abstract String listen() throws IOException;

    /** What the benchmark waits for the peer to do, for messages ("connect"). */
    abstract String awaited();

    /** Benchmark side, without blocking: the endpoint once the peer has done {@link #awaited}, else null. */
    abstract Endpoint poll(Process peer, Endpoint.Waiter waiter) throws IOException;

    /** Peer side: connects to {@code address} and tells the benchmark it is ready. */
    abstract Endpoint connect(String address) throws IOException;

    /** The file or socket that must not outlive the run, given its address; null if none. */
    abstract Path leftover(String address);

    /** Benchmark side, after {@link #listen}: what to delete at the end. */
    List<Path> files() {
        return List.of();
    }

    /** Benchmark side: lets go of what {@link #listen} made (a listening socket, the mapping). */
    @Override
    public void close() {
    }
}
