package mmapbench.cli;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code run-bench.sh} runs: a set of legs, each one JMH run over some benchmark classes
 * with its own {@code @Param} values. Legs exist because JMH's {@code -p} applies to every
 * benchmark of a run, while random and sequential classes need different block sizes; and they
 * keep one cache state per leg, so that the file is not evicted and reloaded between trials.
 */
enum Profile {
    /**
     * The claim's answer in under 10 minutes: every API, random 8 B and 4 KiB, sequential 64 KiB
     * and 1 MiB, WARM and COLD, page-cache writes; one fork, short iterations.
     */
    QUICK(1, 1, TimeValue.milliseconds(500), 5, TimeValue.milliseconds(400), List.of(
            fileLeg("random, WARM", Classes.RANDOM, "8,4096", "WARM"),
            fileLeg("sequential, WARM", Classes.SEQUENTIAL, "65536,1048576", "WARM", "forceEvery", "0"),
            fileLeg("random, COLD", Classes.RANDOM, "8,4096", "COLD"),
            fileLeg("sequential, COLD", Classes.SEQUENTIAL, "65536,1048576", "COLD", "forceEvery", "0"),
            new Leg("shared-memory IPC", Classes.IPC, List.of(), Map.of("payload", "8,2000"), List.of(Mode.SampleTime)))),
    /**
     * The whole matrix, three forks, for publication. 255 trials x 3 forks: iterations are kept
     * at 0.5 s so that it ends in about an hour on 2 cores; the 15 measurements per row across
     * three JVMs are what the confidence intervals stand on.
     */
    FULL(3, 1, TimeValue.milliseconds(500), 5, TimeValue.milliseconds(500), List.of(
            fileLeg("random, HOT", Classes.RANDOM, "8,4096,65536", "HOT"),
            fileLeg("sequential, HOT", Classes.SEQUENTIAL, "4096,65536,1048576", "HOT"),
            fileLeg("random, WARM", Classes.RANDOM, "8,4096,65536", "WARM"),
            fileLeg("sequential, WARM", Classes.SEQUENTIAL, "4096,65536,1048576", "WARM"),
            fileLeg("random, COLD", Classes.RANDOM, "8,4096,65536", "COLD"),
            fileLeg("sequential, COLD", Classes.SEQUENTIAL, "4096,65536,1048576", "COLD"),
            mappedLeg("madvise, random reads", List.of("RandomReadBenchmark"), "8,4096,65536"),
            mappedLeg("madvise, sequential reads", List.of("SequentialReadBenchmark"), "4096,65536,1048576"),
            new Leg("shared-memory IPC", Classes.IPC, List.of(), Map.of(), List.of())));

    /** Benchmark classes by simple name (a nested type: enum constants cannot see later statics). */
    interface Classes {
        List<String> RANDOM = List.of("RandomReadBenchmark", "RandomWriteBenchmark");
        List<String> SEQUENTIAL = List.of("SequentialReadBenchmark", "SequentialWriteBenchmark");
        List<String> IPC = List.of("SharedMemoryPingPongBenchmark");
    }

    /**
     * One JMH run: benchmark classes (simple names), the methods of them to run (empty: all),
     * their params, and modes if not the classes' own.
     */
    record Leg(String name, List<String> classes, List<String> methods, Map<String, String> params, List<Mode> modes) {
    }

    final int forks;
    final int warmupIterations;
    final TimeValue warmupTime;
    final int measurementIterations;
    final TimeValue measurementTime;
    final List<Leg> legs;

    Profile(int forks, int warmupIterations, TimeValue warmupTime, int measurementIterations,
            TimeValue measurementTime, List<Leg> legs) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupTime = warmupTime;
        this.measurementIterations = measurementIterations;
        this.measurementTime = measurementTime;
        this.legs = legs;
    }

    private static Leg fileLeg(String name, List<String> classes, String blockSizes, String cache, String... more) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("blockSize", blockSizes);
        params.put("cache", cache);
        for (int i = 0; i + 1 < more.length; i += 2) {
            params.put(more[i], more[i + 1]);
        }
        return new Leg(name, classes, List.of(), params, List.of());
    }

    /** The madvise values other than NORMAL, for the mapped methods alone: the others ignore advice. */
    private static Leg mappedLeg(String name, List<String> classes, String blockSizes) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("blockSize", blockSizes);
        params.put("cache", "HOT,WARM,COLD");
        params.put("advice", "RANDOM,SEQUENTIAL,WILLNEED");
        return new Leg(name, classes, List.of("mappedBuffer", "memorySegment"), params, List.of());
    }
}
