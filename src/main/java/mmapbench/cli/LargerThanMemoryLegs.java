package mmapbench.cli;

import mmapbench.file.Question;
import mmapbench.fixture.Advice;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.MemoryLimit;
import mmapbench.param.Parameter;

import java.util.List;

/**
 * The full profile's legs for reads of a file larger than memory, and the random
 * benchmarks on every core.
 *
 * <p>"Larger than memory" is {@code memoryLimit=25%}: the benchmark JVM's page cache may hold a
 * quarter of the data file. WARM (the cgroup's cache full of the file's tail: the steady state of
 * a file larger than memory) and COLD (evicted before each iteration), the two states a limit can
 * establish; every API with NORMAL advice, and the mapped methods with each other advice, as the
 * madvise legs do without a limit (their {@code none} partners are in the plain WARM/COLD and
 * madvise legs).
 *
 * <p>The threads leg runs at {@link Runtime#availableProcessors()} threads, WARM, so that what it
 * measures is the API and its locks rather than the device; its one-thread partners are the plain
 * WARM random leg's rows.
 */
final class LargerThanMemoryLegs {

    static final MemoryLimit SHARE = new MemoryLimit(25);

    private LargerThanMemoryLegs() {
    }

    static Leg all(Question question, long... blockSizes) {
        return limited("larger than memory: " + label(question), question, blockSizes)
                .with(Parameter.ADVICE, Advice.NORMAL);
    }

    static Leg mapped(Question question, long... blockSizes) {
        return limited("larger than memory: " + label(question) + " with madvise", question, blockSizes)
                .with(Parameter.ADVICE, Advice.ALL_BUT_NORMAL).mappedOnly();
    }

    /** The states a limit can establish for the question: a sequential pass finds nothing cached, so COLD alone. */
    private static CacheState[] states(Question question) {
        return question.random ? new CacheState[]{CacheState.WARM, CacheState.COLD} : new CacheState[]{CacheState.COLD};
    }

    static Leg threads(String what, List<Question> questions, long... blockSizes) {
        return Profile.Legs.file("threads: " + what, questions, CacheState.WARM, blockSizes)
                .onThreads(Runtime.getRuntime().availableProcessors());
    }

    private static Leg limited(String kind, Question question, long... blockSizes) {
        return Leg.of(kind, List.of(question), Profile.Legs.blocks(blockSizes)
                .with(Parameter.CACHE, states(question))).with(Parameter.MEMORY_LIMIT, SHARE);
    }

    private static String label(Question question) {
        return question.random ? "random reads" : "sequential reads";
    }
}
