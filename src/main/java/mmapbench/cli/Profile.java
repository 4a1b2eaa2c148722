package mmapbench.cli;

import mmapbench.file.Question;
import mmapbench.ipc.SharedMemoryPingPongBenchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    /** The claim's answer in minutes: every API, the block sizes that decide each question, WARM and COLD. */
    QUICK(List.of(
            fileLeg("random, WARM", Classes.RANDOM, "8,4096", "WARM"),
            fileLeg("sequential, WARM", Classes.SEQUENTIAL, "65536,1048576", "WARM", "forceEvery", "0"),
            fileLeg("random, COLD", Classes.RANDOM, "8,4096", "COLD"),
            fileLeg("sequential, COLD", Classes.SEQUENTIAL, "65536,1048576", "COLD", "forceEvery", "0"),
            new Leg("shared-memory IPC", Classes.IPC, List.of(), Map.of("payload", "8,2000")))),
    /** The whole matrix, for publication. */
    FULL(List.of(
            fileLeg("random, HOT", Classes.RANDOM, "8,4096,65536", "HOT"),
            fileLeg("sequential, HOT", Classes.SEQUENTIAL, "4096,65536,1048576", "HOT"),
            fileLeg("random, WARM", Classes.RANDOM, "8,4096,65536", "WARM"),
            fileLeg("sequential, WARM", Classes.SEQUENTIAL, "4096,65536,1048576", "WARM"),
            fileLeg("random, COLD", Classes.RANDOM, "8,4096,65536", "COLD"),
            fileLeg("sequential, COLD", Classes.SEQUENTIAL, "4096,65536,1048576", "COLD"),
            mappedLeg("madvise, random reads", Question.RANDOM_READ, "8,4096,65536"),
            mappedLeg("madvise, sequential reads", Question.SEQUENTIAL_READ, "4096,65536,1048576"),
            // Issue 13: a file larger than memory (its page cache limited to a quarter of it), and every core at once.
            LargerThanMemoryLegs.all(Question.RANDOM_READ, "4096,65536"),
            LargerThanMemoryLegs.mapped(Question.RANDOM_READ, "4096,65536"),
            LargerThanMemoryLegs.all(Question.SEQUENTIAL_READ, "65536,1048576"),
            LargerThanMemoryLegs.mapped(Question.SEQUENTIAL_READ, "65536,1048576"),
            LargerThanMemoryLegs.threads(Classes.RANDOM, "8,4096,65536"),
            new Leg("shared-memory IPC", Classes.IPC, List.of(), Map.of())));

    /** Benchmark classes by question (a nested type: enum constants cannot see later statics). */
    interface Classes {
        List<Class<?>> RANDOM = List.of(Question.RANDOM_READ.benchmark, Question.RANDOM_WRITE.benchmark);
        List<Class<?>> SEQUENTIAL = List.of(Question.SEQUENTIAL_READ.benchmark, Question.SEQUENTIAL_WRITE.benchmark);
        List<Class<?>> IPC = List.of(SharedMemoryPingPongBenchmark.class);
    }

    /** One JMH run: benchmark classes, the methods of them to run (empty: all), and their params. */
    record Leg(String name, List<Class<?>> classes, List<String> methods, Map<String, String> params, int threads) {
        /** A leg at JMH's thread count (one, unless the user says {@code -t}). */
        Leg(String name, List<Class<?>> classes, List<String> methods, Map<String, String> params) {
            this(name, classes, methods, params, 0);
        }

        /** The name up to its first comma: what the leg is, without its cache state. */
        String kind() {
            int comma = name.indexOf(',');
            return comma < 0 ? name : name.substring(0, comma);
        }
    }

    final List<Leg> legs;

    Profile(List<Leg> legs) {
        this.legs = legs;
    }

    private static Leg fileLeg(String name, List<Class<?>> classes, String blockSizes, String cache, String... more) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("blockSize", blockSizes);
        params.put("cache", cache);
        for (int i = 0; i + 1 < more.length; i += 2) {
            params.put(more[i], more[i + 1]);
        }
        return new Leg(name, classes, List.of(), params);
    }

    /** The madvise values other than NORMAL, for the mapped methods alone: the others ignore advice. */
    private static Leg mappedLeg(String name, Question question, String blockSizes) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("blockSize", blockSizes);
        params.put("cache", "HOT,WARM,COLD");
        params.put("advice", "RANDOM,SEQUENTIAL,WILLNEED");
        return new Leg(name, List.of(question.benchmark), List.of("mappedBuffer", "memorySegment"), params);
    }
}
