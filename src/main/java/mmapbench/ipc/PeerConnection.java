package mmapbench.ipc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A peer process and the channel to it, from the benchmark's side: set up the channel's transport,
 * launch the peer on its CPU, wait for it, and hand out the endpoint. The peer's life is
 * {@link PeerProcess}'s; the channel's setup is {@link Transport}'s.
 */
final class PeerConnection implements AutoCloseable {

    private final Transport transport;
    private final PeerProcess peer;
    private final Endpoint endpoint;
    private boolean closed;

    private PeerConnection(Transport transport, PeerProcess peer, Endpoint endpoint) {
        this.transport = transport;
        this.peer = peer;
        this.endpoint = endpoint;
    }

    /** Starts a peer on {@code peerCpu} (-1: anywhere) for {@code channel} and {@code payload}-byte messages, and connects. */
    static PeerConnection start(Channel channel, int payload, Cpus cpus, int peerCpu) throws IOException {
        Wire.checked(payload);
        Transport transport = Transport.of(channel, payload, cpus == Cpus.SAME);
        PeerProcess peer = null;
        try {
            String address = transport.listen();
            peer = PeerProcess.launch(channel, List.of(channel.name(), String.valueOf(payload), cpus.name(),
                    String.valueOf(peerCpu), address), transport.files());
            Endpoint endpoint = await(transport, peer);
            peer.startWatchdog();
            return new PeerConnection(transport, peer, endpoint);
        } catch (IOException | RuntimeException e) {
            if (peer != null) {
                peer.process().destroyForcibly();
                peer.close();
            }
            transport.close();
            throw e;
        }
    }

    /** The one wait for a peer to show up, whatever the channel: polls until it has, it died, or the deadline. */
    private static Endpoint await(Transport transport, PeerProcess peer) throws IOException {
        long deadline = System.nanoTime() + PeerProcess.DEADLINE_NANOS;
        Endpoint.Waiter waiter = peer.liveness();
        Endpoint endpoint;
        while ((endpoint = transport.poll(peer.process(), waiter)) == null) {
            peer.checkAlive("to " + transport.awaited());
            if (System.nanoTime() > deadline) {
                throw peer.tooSlow(transport.awaited());
            }
            PeerProcess.sleepMillis(1);
        }
        return endpoint;
    }

    Endpoint endpoint() {
        return endpoint;
    }

    Process process() {
        return peer.process();
    }

    /** The shared file or socket, if the channel has one. */
    List<Path> files() {
        return peer.files();
    }

    void sending(long seq) {
        peer.sending(seq);
    }

    void answered(long seq) {
        peer.answered(seq);
    }

    PeerFailure failure(long seq, Exception cause) {
        return peer.failure(seq, cause);
    }

    /** Closes the channel, stops the peer, deletes the files, unmaps. */
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
        peer.close();
        transport.close();
    }
}
