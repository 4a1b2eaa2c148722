package mmapbench.ipc;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The second process of a ping-pong: a plain {@code main} that connects the way its channel says,
 * then echoes every message back until its parent goes away.
 *
 * <p>Liveness rule: it exits (and deletes the shared file or socket, if still there) as soon as
 * its parent process ends or its standard input reaches end of file, whichever it sees first, so
 * that no peer outlives the benchmark that started it, even one killed with SIGKILL.
 *
 * <p>Usage: {@code Peer CHANNEL PAYLOAD ADDRESS PARENT_PID}, where ADDRESS is the shared file,
 * the socket path, the TCP port, or {@code -} for PIPE.
 */
public final class Peer {

    private Peer() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: Peer CHANNEL PAYLOAD ADDRESS PARENT_PID");
            System.exit(2);
        }
        Channel channel = Channel.valueOf(args[0]);
        int payload = Integer.parseInt(args[1]);
        String address = args[2];
        long parent = Long.parseLong(args[3]);
        Path leftover = channel == Channel.PIPE || channel == Channel.TCP_LOOPBACK ? null : Path.of(address);
        watchParent(parent, channel == Channel.PIPE, leftover);
        try {
            run(channel, payload, address);
        } catch (IOException | RuntimeException e) {
            System.err.println("mmap-bench peer (" + channel + "): " + e);
            exit(1, leftover);
        }
        exit(0, leftover);
    }

    private static void exit(int status, Path leftover) {
        if (leftover != null) {
            try {
                Files.deleteIfExists(leftover);
            } catch (IOException ignored) {
                // The parent deletes it too; nothing more to do on the way out.
            }
        }
        Runtime.getRuntime().halt(status);
    }

    private static void watchParent(long parent, boolean stdinIsData, Path leftover) {
        ProcessHandle.of(parent).ifPresentOrElse(
                h -> h.onExit().thenRun(() -> exit(0, leftover)),
                () -> exit(0, leftover));
        if (!stdinIsData) {
            Thread eof = new Thread(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // Nothing is sent on stdin; it only tells us when the parent is gone.
                    }
                } catch (IOException ignored) {
                    // Same as end of file.
                }
                exit(0, leftover);
            }, "stdin-eof");
            eof.setDaemon(true);
            eof.start();
        }
    }

    private static void run(Channel channel, int payload, String address) throws IOException {
        byte[] message = new byte[payload];
        Endpoint endpoint;
        switch (channel) {
            case SHM_SPIN, SHM_LOCK -> {
                Path file = Path.of(address);
                FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                MemorySegment shared = ch.map(FileChannel.MapMode.READ_WRITE, 0, Wire.fileSize(payload), Arena.global());
                // The peer spins hot: it lives only as long as one trial, and its exit is the parent's to cause.
                Endpoint.Waiter nap = spins -> { };
                endpoint = channel == Channel.SHM_SPIN
                        ? new SpinEndpoint(shared, Wire.reply(payload), Wire.REQUEST, nap)
                        : new LockEndpoint(ch, shared, Wire.reply(payload), Wire.REQUEST, nap);
                SpinEndpoint.SEQ.setRelease(shared, Wire.READY, 1L);
            }
            case UNIX_SOCKET -> {
                SocketChannel s = SocketChannel.open(StandardProtocolFamily.UNIX);
                s.connect(UnixDomainSocketAddress.of(address));
                endpoint = new StreamEndpoint.Socket(s);
            }
            case TCP_LOOPBACK -> {
                SocketChannel s = SocketChannel.open(new InetSocketAddress("127.0.0.1", Integer.parseInt(address)));
                s.setOption(StandardSocketOptions.TCP_NODELAY, true);
                endpoint = new StreamEndpoint.Socket(s);
            }
            case PIPE -> {
                InputStream in = new FileInputStream(FileDescriptor.in);
                OutputStream out = new FileOutputStream(FileDescriptor.out);
                out.write(1);
                out.flush();
                endpoint = new StreamEndpoint.Pipe(in, out);
            }
            default -> throw new IllegalArgumentException(channel.name());
        }
        long last = 0;
        while (true) {
            try {
                endpoint.receive(message);
            } catch (java.io.EOFException e) {
                return;
            }
            long seq = Wire.first(message);
            if (seq != Wire.last(message) || seq <= last) {
                throw new IOException("message " + seq + " is torn or out of order (last word " + Wire.last(message)
                        + ", previous " + last + ")");
            }
            last = seq;
            endpoint.send(message);
        }
    }
}
