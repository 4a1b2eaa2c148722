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
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

/**
 * Is a file mapped from /dev/shm one of the fastest ways for two processes to exchange data?
 *
 * <p>One operation is a round trip between this JVM and a peer JVM ({@link Peer}, started with
 * the same {@code java} and class path in the trial's setup): stamp the next sequence number into
 * a {@code payload}-byte message (first and last words and one word every 512 bytes), send it over
 * {@code channel}, wait for the peer's echo, and check that every stamped word of the echo carries
 * that number. The peer checks the same on its side. So the score is two one-way handoffs, each
 * with a copy of the payload in and out; messages are native memory, which sockets and pipes read
 * and write as direct buffers.
 *
 * <p>{@code cpus} says where the two exchanging threads run ({@link Cpus}): the trial setup runs
 * on JMH's worker thread, the one that then runs {@link #roundTrip}, and pins it there; the peer
 * pins its own thread. The setup prints where both ended up. With {@code cpus=SAME} the
 * SHM_SPIN receiver yields instead of spinning ({@link SpinEndpoint}).
 *
 * <p>Sample mode puts p50/p99/p99.9/max of single round trips into the JSON; average mode the
 * mean with JMH's confidence interval. Trials are short (2 + 4 half-second iterations) so that
 * the whole matrix of channel, payload and cpus (54 trials per mode) takes minutes.
 *
 * <p>Every wait has a deadline of {@value PeerProcess#DEADLINE_SECONDS} s: a peer that dies or
 * hangs fails the benchmark with one message instead of hanging the run.
 *
 * <p>Run: {@code ./run-bench.sh -- SharedMemoryPingPong -p payload=8 -p cpus=SAME,SPLIT}.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 1, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 3, time = 400, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = {JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS})
@State(Scope.Thread)
public class SharedMemoryPingPongBenchmark {

    /** How the two processes exchange a message: see {@link Channel}. Empty: JMH runs every channel. */
    @Param
    public Channel channel;

    /** Bytes per message: one word, the lecture's 500 ints, 64 KiB. */
    @Param({"8", "2000", "65536"})
    public int payload;

    /** Where the two processes run: see {@link Cpus}. Empty: every placement. */
    @Param
    public Cpus cpus = Cpus.ANY;

    private Arena arena;
    private byte[] affinityBefore;
    private PeerConnection peer;
    private Endpoint endpoint;
    private MemorySegment request;
    private MemorySegment reply;
    private long sequence;

    @Setup(Level.Trial)
    public void startPeer() throws IOException {
        Cpus.Placement place = cpus.place();
        arena = Arena.ofShared();
        request = Wire.pattern(arena, payload);
        reply = arena.allocate(payload, 64);
        affinityBefore = Affinity.save();
        Affinity.pin(place.benchmark());
        peer = PeerConnection.start(channel, payload, cpus, place.peer());
        endpoint = peer.endpoint();
        System.out.println("# cpus=" + cpus + ": " + Thread.currentThread().getName() + " may run on CPUs "
                + Affinity.allowed() + ", peer pid " + peer.process().pid() + " on "
                + (place.peer() < 0 ? "any CPU" : "CPU " + place.peer()));
    }

    @TearDown(Level.Trial)
    public void stopPeer() throws IOException {
        if (peer != null) {
            peer.close();
        }
        if (affinityBefore != null) {
            Affinity.restore(affinityBefore);
        }
        if (arena != null) {
            arena.close();
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
        if (!Wire.carries(reply, seq)) {
            throw peer.failure(seq, new IOException("the reply carries " + Wire.first(reply) + " ... "
                    + Wire.last(reply) + ", not " + seq + " in every stamped word"));
        }
        return seq;
    }

    /** For tests: the last request and reply, the peer. */
    MemorySegment lastReply() {
        return reply;
    }

    MemorySegment request() {
        return request;
    }

    PeerConnection peer() {
        return peer;
    }
}
