package mmapbench.ipc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;

/** UNIX_SOCKET and TCP_LOOPBACK: the benchmark listens, the peer connects; TCP without Nagle's delay. */
final class SocketTransport extends Transport {

    private final boolean unix;
    private ServerSocketChannel server;
    private Path socket;

    SocketTransport(boolean unix) {
        this.unix = unix;
    }

    @Override
    String listen() throws IOException {
        if (unix) {
            socket = SharedFiles.socketPath();
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            server.configureBlocking(false);
            return socket.toString();
        }
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.configureBlocking(false);
        return String.valueOf(((InetSocketAddress) server.getLocalAddress()).getPort());
    }

    @Override
    String awaited() {
        return "connect";
    }

    @Override
    Endpoint poll(Process peer, Endpoint.Waiter waiter) throws IOException {
        SocketChannel s = server.accept();
        if (s == null) {
            return null;
        }
        s.configureBlocking(true);
        return endpoint(s);
    }

    @Override
    Endpoint connect(String address) throws IOException {
        return endpoint(unix ? SocketChannel.open(UnixDomainSocketAddress.of(address))
                : SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(address))));
    }

    private Endpoint endpoint(SocketChannel s) throws IOException {
        if (!unix) {
            s.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        return new StreamEndpoint(s);
    }

    @Override
    Path leftover(String address) {
        return unix ? Path.of(address) : null;
    }

    @Override
    List<Path> files() {
        return socket == null ? List.of() : List.of(socket);
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // Only the listening socket: the connection is the endpoint's.
        }
    }
}
