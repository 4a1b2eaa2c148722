package mmapbench.cli;

import mmapbench.file.Question;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    static final String SHARE = "25%";

    private LargerThanMemoryLegs() {
    }

    static Profile.Leg all(Question question, String blockSizes) {
        return new Profile.Leg("larger than memory: " + label(question), List.of(question.benchmark),
                List.of(), params(blockSizes, "NORMAL"));
    }

    static Profile.Leg mapped(Question question, String blockSizes) {
        return new Profile.Leg("larger than memory: " + label(question) + " with madvise", List.of(question.benchmark),
                List.of("mappedBuffer", "memorySegment"), params(blockSizes, "RANDOM,SEQUENTIAL,WILLNEED"));
    }

    static Profile.Leg threads(List<Question> questions, String blockSizes) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("blockSize", blockSizes);
        params.put("cache", "WARM");
        return new Profile.Leg("threads: random", questions.stream().<Class<?>>map(q -> q.benchmark).toList(), List.of(),
                params, Runtime.getRuntime().availableProcessors());
    }

    private static Map<String, String> params(String blockSizes, String advice) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("blockSize", blockSizes);
        params.put("cache", "WARM,COLD");
        params.put("advice", advice);
        params.put("memoryLimit", SHARE);
        return params;
    }

    private static String label(Question question) {
        return question.random ? "random reads" : "sequential reads";
    }
}
