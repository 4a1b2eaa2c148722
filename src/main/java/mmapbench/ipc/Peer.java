package mmapbench.ipc;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The second process of a ping-pong: a plain {@code main} that pins its thread where it is told,
 * connects the way its channel says ({@link Transport}), then echoes every message back, after
 * checking that all its stamped words carry one sequence number, higher than the last.
 *
 * <p>Liveness rule: it exits (and deletes the shared file or socket, if still there) as soon as
 * its parent process ends or its standard input reaches end of file, whichever it sees first, so
 * that no peer outlives the benchmark that started it, even one killed with SIGKILL.
 *
 * <p>Usage: {@code Peer CHANNEL PAYLOAD CPUS CPU ADDRESS PARENT_PID}, where CPU is -1 for the
 * scheduler's choice and ADDRESS is the shared file, the socket path, the TCP port, or {@code -}
 * for PIPE.
 */
public final class Peer {

    private Peer() {
    }

    public static void main(String[] args) {
        if (args.length != 6) {
            System.err.println("usage: Peer CHANNEL PAYLOAD CPUS CPU ADDRESS PARENT_PID");
            System.exit(2);
        }
        Channel channel = Channel.valueOf(args[0]);
        int payload = Integer.parseInt(args[1]);
        Cpus cpus = Cpus.valueOf(args[2]);
        int cpu = Integer.parseInt(args[3]);
        String address = args[4];
        long parent = Long.parseLong(args[5]);
        Transport transport = Transport.of(channel, payload, cpus == Cpus.SAME);
        Path leftover = transport.leftover(address);
        watchParent(parent, channel == Channel.PIPE, leftover);
        try {
            Affinity.pin(cpu);
            echo(transport.connect(address), payload);
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

    private static void echo(Endpoint endpoint, int payload) throws IOException {
        MemorySegment message = Arena.global().allocate(payload, 64);
        long last = 0;
        while (true) {
            try {
                endpoint.receive(message);
            } catch (EOFException e) {
                return;
            }
            long seq = Wire.first(message);
            if (!Wire.carries(message, seq) || seq <= last) {
                throw new IOException("message " + seq + " is torn, stale or out of order (last word "
                        + Wire.last(message) + ", previous " + last + ")");
            }
            last = seq;
            endpoint.send(message);
        }
    }
}
