package mmapbench.cli;

import mmapbench.file.Question;
import mmapbench.ipc.SharedMemoryPingPongBenchmark;
import org.openjdk.jmh.annotations.Mode;

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
    /**
     * The lecture's claims answered in about five minutes: every API and the control; random
     * reads at 8 B and 4 KiB from the page cache, 4 KiB from the device; random writes at 8 B and
     * 4 KiB into a resident file in 4 KiB folios (in large folios every write dirties up to 2 MiB
     * and the kernel's throttle, not the API, sets the number: the full profile shows that
     * regime); sequential reads and writes of 1 MiB from the page cache; a file opened, read at 16
     * random 4 KiB blocks and closed (a mapping that lives for a few reads); the shared-memory handoff
     * of the lecture's 500 ints between two processes on one CPU and on two. Cold writes, whose
     * cost is the device's write-back, and cold sequential reads, where every API reads at the
     * device's speed and two forks cannot tell them apart, are the full profile's.
     */
    QUICK(List.of(
            fileLeg("random reads, WARM", List.of(Question.RANDOM_READ), "8,4096", "WARM", "access", "INDEPENDENT"),
            fileLeg("random writes, WARM", List.of(Question.RANDOM_WRITE), "8,4096", "WARM", "folios", "SMALL"),
            fileLeg("sequential, WARM", List.of(Question.SEQUENTIAL_READ, Question.SEQUENTIAL_WRITE), "1048576", "WARM",
                    "forceEvery", "0"),
            fileLeg("short-lived reads, WARM", List.of(Question.SHORT_LIVED_READ), "4096", "WARM", "reads", "16"),
            fileLeg("random reads, COLD", List.of(Question.RANDOM_READ), "4096", "COLD", "access", "INDEPENDENT"),
            ipcLeg("payload", "2000", "cpus", "SAME,SPLIT"))),
    /** The whole matrix, for publication: every block size, cache state, folio size, access pattern and advice. */
    FULL(List.of(
            fileLeg("random, HOT", Classes.RANDOM, "8,4096,65536", "HOT", "folios", "LARGE,SMALL"),
            fileLeg("sequential, HOT", Classes.SEQUENTIAL, "4096,65536,1048576", "HOT"),
            fileLeg("random, WARM", Classes.RANDOM, "8,4096,65536", "WARM", "folios", "LARGE,SMALL"),
            fileLeg("sequential, WARM", Classes.SEQUENTIAL, "4096,65536,1048576", "WARM"),
            fileLeg("short-lived reads, WARM", List.of(Question.SHORT_LIVED_READ), "8,4096", "WARM"),
            fileLeg("random, COLD", Classes.RANDOM, "8,4096,65536", "COLD"),
            fileLeg("sequential, COLD", Classes.SEQUENTIAL, "4096,65536,1048576", "COLD"),
            fileLeg("short-lived reads, COLD", List.of(Question.SHORT_LIVED_READ), "8,4096", "COLD"),
            mappedLeg("madvise, random reads", Question.RANDOM_READ, "8,4096,65536"),
            mappedLeg("madvise, sequential reads", Question.SEQUENTIAL_READ, "4096,65536,1048576"),
            // A file larger than memory (its page cache limited to a quarter of it), and every core at once.
            LargerThanMemoryLegs.all(Question.RANDOM_READ, "4096,65536"),
            LargerThanMemoryLegs.mapped(Question.RANDOM_READ, "4096,65536"),
            LargerThanMemoryLegs.all(Question.SEQUENTIAL_READ, "65536,1048576"),
            LargerThanMemoryLegs.mapped(Question.SEQUENTIAL_READ, "65536,1048576"),
            LargerThanMemoryLegs.threads(Classes.RANDOM, "8,4096,65536"),
            ipcLeg()));

    /** Benchmark classes by question (a nested type: enum constants cannot see later statics). */
    interface Classes {
        List<Question> RANDOM = List.of(Question.RANDOM_READ, Question.RANDOM_WRITE);
        List<Question> SEQUENTIAL = List.of(Question.SEQUENTIAL_READ, Question.SEQUENTIAL_WRITE);
    }

    /**
     * One JMH run: benchmark classes, the methods of them to run (empty: all), their params, the
     * modes whose rows it wants (empty: the classes' own) and its thread count (0: JMH's, one
     * unless the user says {@code -t}). Which rows run is the profile's; how each is measured
     * (forks, warm-up, iterations) is the classes' annotations'.
     */
    record Leg(String name, List<Class<?>> classes, List<String> methods, Map<String, String> params,
               List<Mode> modes, int threads) {
        Leg(String name, List<Class<?>> classes, List<String> methods, Map<String, String> params) {
            this(name, classes, methods, params, List.of(), 0);
        }

        Leg(String name, List<Class<?>> classes, List<String> methods, Map<String, String> params, int threads) {
            this(name, classes, methods, params, List.of(), threads);
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

    private static Leg fileLeg(String name, List<Question> questions, String blockSizes, String cache, String... more) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("blockSize", blockSizes);
        params.put("cache", cache);
        for (int i = 0; i + 1 < more.length; i += 2) {
            params.put(more[i], more[i + 1]);
        }
        return new Leg(name, questions.stream().<Class<?>>map(q -> q.benchmark).toList(), List.of(), params);
    }

    /** The shared-memory leg; the quick one wants sample mode's percentiles only. */
    private static Leg ipcLeg(String... params) {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i + 1 < params.length; i += 2) {
            p.put(params[i], params[i + 1]);
        }
        return new Leg("shared-memory IPC", List.of(SharedMemoryPingPongBenchmark.class), List.of(), p,
                params.length == 0 ? List.of() : List.of(Mode.SampleTime), 0);
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
