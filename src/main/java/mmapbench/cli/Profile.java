package mmapbench.cli;

import mmapbench.fixture.ReadAround;
import mmapbench.file.Access;
import mmapbench.file.Question;
import mmapbench.fixture.Advice;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Folios;
import mmapbench.ipc.Cpus;
import mmapbench.ipc.SharedMemoryPingPongBenchmark;
import mmapbench.fixture.MemoryLimit;
import mmapbench.stall.JvmStallBenchmark;
import mmapbench.param.ParamSet;
import mmapbench.param.Parameter;
import org.openjdk.jmh.annotations.Mode;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static mmapbench.fixture.CacheState.COLD;
import static mmapbench.fixture.CacheState.HOT;
import static mmapbench.fixture.CacheState.WARM;

/**
 * What {@code run-bench.sh} runs: a set of legs, each one JMH run over some benchmark classes
 * with its own {@code @Param} values. Legs exist because JMH's {@code -p} applies to every
 * benchmark of a run, while random and sequential classes need different block sizes; and they
 * keep one cache state per leg, so that the file is not evicted and reloaded between trials.
 *
 * <p>A profile chooses <em>which</em> rows run, never <em>how</em> a row is measured: forks,
 * warm-up and measurement belong to the benchmark classes' annotations, so that
 * {@code java -jar target/benchmarks.jar} measures a row exactly as {@code run-bench.sh} does.
 */
enum Profile {
    /**
     * The lecture's claims answered within five minutes, one group per claim and state: every API
     * and the control; random reads of 8 B (the lecture's ints) from the page cache, independent
     * (throughput) and dependent (latency), and of 4 KiB; random writes of 8 B into a resident file
     * in 4 KiB folios, 4096 a call (in large folios every write dirties up to 2 MiB, which sets the number
     * whatever the API: the full profile shows that regime, and 4 KiB writes); sequential reads and
     * writes of 1 MiB blocks from the page cache, a 64 MiB pass each (a 1 GiB write pass and its
     * write-back cost five seconds a fork: the full profile has them); a file opened, read at
     * 16 random 4 KiB blocks and closed (a mapping that lives for a few reads); random 4 KiB reads
     * from the device; the shared-memory handoff of the lecture's 500 ints between two processes
     * on two CPUs (one CPU each: the full profile adds both on one). Cold writes, whose cost is the
     * device's write-back, and cold sequential reads, where every API reads at the device's speed,
     * are the full profile's. And one tail figure: how much longer the slow COLD mapped reads take
     * than the slow {@code pread}s ({@link TailLegs#quick}).
     */
    QUICK(275, 10, List.of(
            // The legs that evict the read file first, then the ones that want it cached, so that it
            // is read back in once; the extra rounds follow the last leg, the files still cached.
            Legs.file("random reads", Legs.RANDOM_READ, COLD, 4096).with(Parameter.ACCESS, Access.INDEPENDENT),
            TailLegs.quick(),
            Legs.ipc(List.of(Mode.SampleTime)).with(Parameter.PAYLOAD, 2000L).with(Parameter.CPUS, Cpus.SPLIT),
            // Both halves of the random-read answer: throughput (independent reads) and latency (dependent).
            Legs.file("random reads", Legs.RANDOM_READ, WARM, 8).with(Parameter.ACCESS, Access.values()),
            Legs.file("random reads", Legs.RANDOM_READ, WARM, 4096).with(Parameter.ACCESS, Access.INDEPENDENT),
            Legs.file("sequential reads", Legs.SEQUENTIAL_READ, WARM, 1048576).with(Parameter.BYTES, 64L << 20),
            Legs.file("short-lived reads", Legs.SHORT_LIVED, WARM, 4096).with(Parameter.READS, 16L),
            // 4096 writes a call, not the class's 16384: each dirties a page that the next call's
            // setup writes back at random, which set the leg's time; a fresh mapping's write faults
            // once per page whatever the count: of 4096 writes at random over a 4 GiB file's million
            // pages, about 8 pairs share one.
            Legs.file("random writes", Legs.RANDOM_WRITE, WARM, 8).with(Parameter.FOLIOS, Folios.SMALL)
                    .with(Parameter.OPS, 4096L),
            Legs.file("sequential writes", Legs.SEQUENTIAL_WRITE, WARM, 1048576).with(Parameter.FORCE_EVERY, 0L)
                    .with(Parameter.BYTES, 64L << 20))),
    /**
     * The whole matrix, for publication: every block size, cache state, folio size, access pattern
     * and advice. HOT is for reads alone: a write has none (see {@code RandomWriteBenchmark}).
     */
    FULL(4 * 3600, 10, Stream.of(List.of(
            Legs.file("random reads", Legs.RANDOM_READ, HOT, 8, 4096, 65536).with(Parameter.FOLIOS, Folios.values()),
            Legs.file("sequential reads", Legs.SEQUENTIAL_READ, HOT, 4096, 65536, 1048576),
            Legs.file("random reads", Legs.RANDOM_READ, WARM, 8, 4096, 65536).with(Parameter.FOLIOS, Folios.values()),
            Legs.file("random writes", Legs.RANDOM_WRITE, WARM, 8, 4096, 65536).with(Parameter.FOLIOS, Folios.values()),
            Legs.file("sequential", Legs.SEQUENTIAL, WARM, 4096, 65536, 1048576),
            Legs.file("short-lived reads", Legs.SHORT_LIVED, WARM, 8, 4096),
            Legs.file("random reads", Legs.RANDOM_READ, COLD, 8, 4096, 65536),
            Legs.file("random writes", Legs.RANDOM_WRITE, COLD, 8, 4096, 65536),
            // The kernel's default read-around, against the device's own: what the setting costs a COLD read (root).
            Legs.file("random reads, kernel's read-around", Legs.RANDOM_READ, COLD, 4096, 65536)
                    .with(Parameter.READ_AHEAD, new ReadAround(128)),
            Legs.file("sequential", Legs.SEQUENTIAL, COLD, 4096, 65536, 1048576),
            Legs.file("short-lived reads", Legs.SHORT_LIVED, COLD, 8, 4096),
            Legs.madvise("random reads with madvise", Question.RANDOM_READ, 8, 4096, 65536),
            Legs.madvise("sequential reads with madvise", Question.SEQUENTIAL_READ, 4096, 65536, 1048576),
            // A file larger than memory (its page cache limited to a quarter of it), and every core at once.
            LargerThanMemoryLegs.all(Question.RANDOM_READ, 4096, 65536),
            LargerThanMemoryLegs.mapped(Question.RANDOM_READ, 4096, 65536),
            LargerThanMemoryLegs.all(Question.SEQUENTIAL_READ, 65536, 1048576),
            LargerThanMemoryLegs.mapped(Question.SEQUENTIAL_READ, 65536, 1048576),
            LargerThanMemoryLegs.threads("random reads", Legs.RANDOM_READ, 8, 4096, 65536),
            LargerThanMemoryLegs.threads("random writes", Legs.RANDOM_WRITE, 8, 4096, 65536),
            // What a faulting mapped reader costs the rest of the JVM, against pread: cold, and larger than memory.
            Legs.stall()),
            TailLegs.full(), TailLegs.deviceThreads(), List.of(Legs.ipc(List.of()))).flatMap(List::stream).toList());

    final List<Leg> legs;
    /** The time the rounds may take by default ({@code --budget}): the minimum rounds run whatever it is. */
    final double budgetSeconds;
    /** The most rounds a group gets. */
    final int maxRounds;

    Profile(double budgetSeconds, int maxRounds, List<Leg> legs) {
        this.budgetSeconds = budgetSeconds;
        this.maxRounds = maxRounds;
        this.legs = legs;
    }

    /** How the profiles spell a leg (a nested type: enum constants cannot see the enum's own statics). */
    interface Legs {
        List<Question> RANDOM_READ = List.of(Question.RANDOM_READ);
        List<Question> RANDOM_WRITE = List.of(Question.RANDOM_WRITE);
        List<Question> SEQUENTIAL_READ = List.of(Question.SEQUENTIAL_READ);
        List<Question> SEQUENTIAL_WRITE = List.of(Question.SEQUENTIAL_WRITE);
        List<Question> SHORT_LIVED = List.of(Question.SHORT_LIVED_READ);
        List<Question> SEQUENTIAL = List.of(Question.SEQUENTIAL_READ, Question.SEQUENTIAL_WRITE);

        /** Every method of the questions' classes at these block sizes, in these cache states. */
        static Leg file(String kind, List<Question> questions, CacheState cache, long... blockSizes) {
            return Leg.of(kind, questions, blocks(blockSizes).with(Parameter.CACHE, cache));
        }

        /** The madvise values other than NORMAL, in every state, for the mapped methods alone: the others ignore advice. */
        static Leg madvise(String kind, Question question, long... blockSizes) {
            return Leg.of(kind, List.of(question), blocks(blockSizes).with(Parameter.CACHE, CacheState.values())
                    .with(Parameter.ADVICE, Advice.ALL_BUT_NORMAL)).mappedOnly();
        }

        /** The shared-memory leg, in {@code modes} (empty: the class's own). */
        static Leg ipc(List<Mode> modes) {
            return new Leg("shared-memory IPC", List.of(SharedMemoryPingPongBenchmark.class), List.of(), ParamSet.EMPTY,
                    modes, 0);
        }

        /**
         * The JVM-wide stall ({@link JvmStallBenchmark}): COLD reads with and without MADV_RANDOM,
         * with no limit and larger than memory.
         */
        static Leg stall() {
            return new Leg("JVM-wide stall", List.of(JvmStallBenchmark.class), List.of(),
                    blocks(4096).with(Parameter.CACHE, COLD).with(Parameter.ADVICE, Advice.NORMAL, Advice.RANDOM)
                            .with(Parameter.MEMORY_LIMIT, MemoryLimit.NONE, LargerThanMemoryLegs.SHARE), List.of(), 0);
        }

        static ParamSet blocks(long... blockSizes) {
            return ParamSet.EMPTY.with(Parameter.BLOCK_SIZE, Arrays.stream(blockSizes).boxed().toList());
        }
    }
}
