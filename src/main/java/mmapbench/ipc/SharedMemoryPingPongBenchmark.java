package mmapbench.ipc;

import mmapbench.fixture.JvmOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Is a file mapped from /dev/shm one of the fastest ways for two processes to exchange data?
 *
 * <p>One operation is a round trip between this JVM and a peer JVM ({@link Peer}, started with
 * the same {@code java} and class path in the trial's setup): stamp the next sequence number into
 * the first and last words of a {@code payload}-byte message, send it over {@code channel}, wait
 * for the peer's echo, and check that the echo carries the same number at both ends. The peer
 * checks the same on its side. So the score is two one-way handoffs, each with a copy of the
 * payload in and out.
 *
 * <p>Sample mode puts p50/p99/p99.9/max of single round trips into the JSON; average mode the
 * mean with JMH's confidence interval. With two cores, the spinning channel keeps both busy: the
 * benchmark thread and the peer each own one.
 *
 * <p>Every wait has a deadline of {@value PeerConnection#DEADLINE_SECONDS} s: a peer that dies or
 * hangs fails the benchmark with one message instead of hanging the run.
 *
 * <p>Run: {@code ./run-bench.sh -- SharedMemoryPingPong -p payload=8}.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS})
@State(Scope.Thread)
public class SharedMemoryPingPongBenchmark {

    @Param({"SHM_SPIN", "SHM_LOCK", "UNIX_SOCKET", "TCP_LOOPBACK", "PIPE"})
    public Channel channel;

    /** Bytes per message: one word, the lecture's 500 ints, 64 KiB. */
    @Param({"8", "2000", "65536"})
    public int payload;

    private PeerConnection peer;
    private Endpoint endpoint;
    private byte[] request;
    private byte[] reply;
    private long sequence;

    @Setup(Level.Trial)
    public void startPeer() throws IOException {
        request = Wire.pattern(payload);
        reply = new byte[payload];
        peer = PeerConnection.start(channel, payload);
        endpoint = peer.endpoint();
    }

    @TearDown(Level.Trial)
    public void stopPeer() {
        if (peer != null) {
            peer.close();
        }
    }

    @Benchmark
    public long roundTrip() throws IOException {
        long seq = ++sequence;
        Wire.stamp(request, seq);
        peer.sending(seq);
        try {
            endpoint.send(request);
            endpoint.receive(reply);
        } catch (IOException e) {
            throw peer.failure(seq, e);
        }
        peer.answered(seq);
        if (Wire.first(reply) != seq || Wire.last(reply) != seq) {
            throw peer.failure(seq, new IOException("the reply carries " + Wire.first(reply) + " and "
                    + Wire.last(reply) + ", not " + seq));
        }
        return seq;
    }

    /** For tests: the last reply, the peer. */
    byte[] lastReply() {
        return reply;
    }

    byte[] request() {
        return request;
    }

    PeerConnection peer() {
        return peer;
    }
}
