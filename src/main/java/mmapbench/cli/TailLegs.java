package mmapbench.cli;

import mmapbench.file.Api;
import mmapbench.file.Question;
import mmapbench.fixture.CacheState;
import mmapbench.param.ParamSet;
import mmapbench.param.Parameter;
import mmapbench.tail.OpenReadCloseTailBenchmark;
import mmapbench.tail.ReadTailBenchmark;
import mmapbench.tail.WriteTailBenchmark;

import java.util.List;

/**
 * The legs of issue 21: the distribution of single reads ({@link ReadTailBenchmark}), of single
 * random writes ({@link WriteTailBenchmark}) and of the single reads of a short-lived open
 * ({@link OpenReadCloseTailBenchmark}), and random reads from the device on more threads than cores.
 *
 * <p>The quick profile's tail leg answers the lecture's question in about 25 s on 2 cores: COLD
 * 4 KiB reads of the mapping ({@code memorySegment}) against {@code pread} ({@code fileChannel};
 * {@code randomAccessFile} is the same system call), 3 forks of 1 + 6 evicted calls of 128 reads.
 * A cold mapped read with the device's read-around takes milliseconds, so 768 reads a fork is
 * what fits: enough for p99, not for p99.9, and the report says so. The full profile adds every
 * API, WARM, a file larger than memory, and the writes and short-lived reads in the cache states
 * their average rows have (WARM and COLD), each with its question's operation counts, so that
 * every tail row has an average row of the same calls beside it; COLD random reads excepted,
 * 128 a call against the average rows' 32 ({@link #COLD_READS}).
 *
 * <p>Threads: a blocking reader keeps one request in flight, so a device queue is only as deep as
 * the threads that wait on it; 2, 8 and 32 threads of COLD 4 KiB random reads, without and with
 * a memory limit, beside their one-thread rows (the plain COLD and larger-than-memory legs). Each
 * thread runs its own {@code ops}, and the file is evicted once per iteration for all threads
 * ({@code SharedFixture}).
 */
final class TailLegs {

    /**
     * Reads a COLD tail call times, each on its own: 4 times the average rows' 32
     * ({@link Question#opsPerIteration}), as a percentile needs more reads than a mean. The later
     * reads of a call find more of the file cached (128 reads of the device's 8 MiB read-around
     * bring in a quarter of 4 GiB), which the fast end of the distribution shows.
     */
    static final long COLD_READS = 128;

    /** Thread counts beyond the one-thread rows the other legs run. */
    static final int[] THREADS = {2, 8, 32};

    private TailLegs() {
    }

    private static final List<Class<?>> TAIL = List.of(ReadTailBenchmark.class);
    private static final List<Class<?>> WRITE_TAIL = List.of(WriteTailBenchmark.class);
    private static final List<Class<?>> SHORT_LIVED_TAIL = List.of(OpenReadCloseTailBenchmark.class);

    private static ParamSet reads(CacheState cache, long ops) {
        return ParamSet.EMPTY.with(Parameter.BLOCK_SIZE, 4096L).with(Parameter.CACHE, cache).with(Parameter.OPS, ops);
    }

    /** The quick profile's one tail figure: a COLD mapped read against {@code pread}. */
    static Leg quick() {
        return new Leg("slow reads", TAIL, List.of(Api.MEMORY_SEGMENT.method, Api.FILE_CHANNEL.method),
                reads(CacheState.COLD, COLD_READS), List.of(), 0);
    }

    private static ParamSet operations(Question question, CacheState cache) {
        return ParamSet.EMPTY.with(Parameter.BLOCK_SIZE, 4096L).with(Parameter.CACHE, cache)
                .with(Parameter.OPS, question.opsPerIteration(cache));
    }

    /**
     * Every API, COLD and WARM (65536 reads a call from a resident file: p99.99 reached); 4 KiB
     * random writes, COLD (768 a fork: p99) and WARM (16384 a call); short-lived opens of 16 reads,
     * COLD (16 opens a call, 1536 reads a fork: p99) and WARM (256 opens a call: p99.9).
     */
    static List<Leg> full() {
        return List.of(
                new Leg("slow reads", TAIL, List.of(), reads(CacheState.COLD,
                        COLD_READS), List.of(), 0),
                new Leg("slow reads", TAIL, List.of(), reads(CacheState.WARM,
                        Question.RANDOM_READ.opsPerIteration(CacheState.WARM)), List.of(), 0),
                // Larger than memory, WARM, every mapped miss evicts and reads megabytes: fewer reads a call.
                new Leg("slow reads, larger than memory", TAIL, List.of(), reads(CacheState.COLD, COLD_READS)
                        .with(Parameter.MEMORY_LIMIT, LargerThanMemoryLegs.SHARE), List.of(), 0),
                new Leg("slow reads, larger than memory", TAIL, List.of(), reads(CacheState.WARM, 1024)
                        .with(Parameter.MEMORY_LIMIT, LargerThanMemoryLegs.SHARE), List.of(), 0),
                new Leg("slow random writes", WRITE_TAIL, List.of(), operations(Question.RANDOM_WRITE,
                        CacheState.COLD), List.of(), 0),
                new Leg("slow random writes", WRITE_TAIL, List.of(), operations(Question.RANDOM_WRITE,
                        CacheState.WARM), List.of(), 0),
                new Leg("slow short-lived reads", SHORT_LIVED_TAIL, List.of(), operations(Question.SHORT_LIVED_READ,
                        CacheState.COLD).with(Parameter.READS, 16L), List.of(), 0),
                new Leg("slow short-lived reads", SHORT_LIVED_TAIL, List.of(), operations(Question.SHORT_LIVED_READ,
                        CacheState.WARM).with(Parameter.READS, 16L), List.of(), 0));
    }

    /** COLD 4 KiB independent random reads at each of {@link #THREADS}, without and with the memory limit. */
    static List<Leg> deviceThreads() {
        List<Leg> out = new java.util.ArrayList<>();
        for (int n : THREADS) {
            out.add(Profile.Legs.file("threads: random reads from the device", Profile.Legs.RANDOM_READ,
                    CacheState.COLD, 4096).with(Parameter.ACCESS, mmapbench.file.Access.INDEPENDENT).onThreads(n));
        }
        for (int n : THREADS) {
            out.add(Profile.Legs.file("threads: random reads larger than memory", Profile.Legs.RANDOM_READ,
                    CacheState.COLD, 4096).with(Parameter.ACCESS, mmapbench.file.Access.INDEPENDENT)
                    .with(Parameter.MEMORY_LIMIT, LargerThanMemoryLegs.SHARE).with(Parameter.ADVICE,
                            mmapbench.fixture.Advice.NORMAL).onThreads(n));
        }
        return out;
    }
}
