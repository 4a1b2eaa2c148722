package mmapbench.ipc;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** The kernel's channels: a socket (Unix or TCP) or a pair of pipes. Each call blocks in the kernel. */
abstract class StreamEndpoint implements Endpoint {

    /** A connected {@link SocketChannel}, blocking; the buffers wrap the caller's arrays once. */
    static final class Socket extends StreamEndpoint {
        private final SocketChannel channel;
        private ByteBuffer sendBuffer;
        private ByteBuffer receiveBuffer;

        Socket(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void send(byte[] payload) throws IOException {
            ByteBuffer b = sendBuffer;
            if (b == null || b.array() != payload) {
                b = sendBuffer = ByteBuffer.wrap(payload);
            }
            b.clear();
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }

        @Override
        public void receive(byte[] payload) throws IOException {
            ByteBuffer b = receiveBuffer;
            if (b == null || b.array() != payload) {
                b = receiveBuffer = ByteBuffer.wrap(payload);
            }
            b.clear();
            while (b.hasRemaining()) {
                if (channel.read(b) < 0) {
                    throw new EOFException("the peer closed the socket");
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** A pipe each way: the peer's standard input and output. */
    static final class Pipe extends StreamEndpoint {
        private final InputStream in;
        private final OutputStream out;

        Pipe(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public void send(byte[] payload) throws IOException {
            out.write(payload);
            out.flush();
        }

        @Override
        public void receive(byte[] payload) throws IOException {
            if (in.readNBytes(payload, 0, payload.length) != payload.length) {
                throw new EOFException("the peer closed its pipe");
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } finally {
                in.close();
            }
        }
    }
}
