package mmapbench.ipc;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * PIPE: the peer's standard input and output. {@link Process} offers them only as streams, which
 * copy through heap arrays; so once the peer is up the benchmark opens the same two pipes again
 * as {@link FileChannel}s through {@code /proc/PID/fd/0} and {@code /1} (Linux reopens the pipe
 * itself there), and the peer wraps its descriptors 0 and 1 the same way.
 */
final class PipeTransport extends Transport {

    /** What the peer writes to its standard output when it is ready. */
    private static final int READY = 1;

    @Override
    String listen() {
        return "-";
    }

    @Override
    String awaited() {
        return "start";
    }

    @Override
    Endpoint poll(Process peer, Endpoint.Waiter waiter) throws IOException {
        if (peer.getInputStream().available() == 0) {
            return null;
        }
        if (peer.getInputStream().read() != READY) {
            throw new PeerFailure("PIPE peer (pid " + peer.pid() + ") sent something else than its ready byte");
        }
        Path fd = Path.of("/proc", String.valueOf(peer.pid()), "fd");
        FileChannel toPeer = FileChannel.open(fd.resolve("0"), StandardOpenOption.WRITE);
        FileChannel fromPeer;
        try {
            fromPeer = FileChannel.open(fd.resolve("1"), StandardOpenOption.READ);
        } catch (IOException | RuntimeException e) {
            toPeer.close();
            throw e;
        }
        return new StreamEndpoint(fromPeer, toPeer);
    }

    @Override
    Endpoint connect(String address) throws IOException {
        FileChannel in = new FileInputStream(FileDescriptor.in).getChannel();
        FileChannel out = new FileOutputStream(FileDescriptor.out).getChannel();
        out.write(ByteBuffer.wrap(new byte[]{READY}));
        return new StreamEndpoint(in, out);
    }

    @Override
    Path leftover(String address) {
        return null;
    }
}
