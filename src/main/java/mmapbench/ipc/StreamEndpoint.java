package mmapbench.ipc;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The kernel's channels: a socket (Unix or TCP) or a pair of pipes, each call blocking in the
 * kernel. The message is native memory and goes to the channel as a direct buffer over it, as a
 * latency-minded user would: a heap buffer would add a copy into a temporary direct buffer on each
 * side (and, for a pipe's {@code FileOutputStream} over 8 KiB, a malloc per write).
 */
final class StreamEndpoint implements Endpoint {

    private final ReadableByteChannel in;
    private final WritableByteChannel out;
    /** Direct views of the last messages seen, made once per message segment. */
    private MemorySegment sendSegment;
    private ByteBuffer sendBuffer;
    private MemorySegment receiveSegment;
    private ByteBuffer receiveBuffer;

    StreamEndpoint(ReadableByteChannel in, WritableByteChannel out) {
        this.in = in;
        this.out = out;
    }

    /** A connected socket: one channel both ways. */
    StreamEndpoint(ByteChannel socket) {
        this(socket, socket);
    }

    @Override
    public void send(MemorySegment message) throws IOException {
        if (message != sendSegment) {
            sendSegment = message;
            sendBuffer = message.asByteBuffer();
        }
        ByteBuffer b = sendBuffer;
        b.clear();
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    @Override
    public void receive(MemorySegment message) throws IOException {
        if (message != receiveSegment) {
            receiveSegment = message;
            receiveBuffer = message.asByteBuffer();
        }
        ByteBuffer b = receiveBuffer;
        b.clear();
        while (b.hasRemaining()) {
            if (in.read(b) < 0) {
                throw new EOFException("the peer closed its end");
            }
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
