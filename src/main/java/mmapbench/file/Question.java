package mmapbench.file;

import mmapbench.fixture.CacheState;
import mmapbench.fixture.DataFile;

import java.util.Optional;

/**
 * The questions the file benchmarks answer, and what the lecture expects of each: one benchmark
 * class each, but for random reads, which answer two, a throughput and a latency (the class's
 * {@code access} parameter: see {@link Access}), each with its own verdict. Every other part of the suite (the profile's legs, the data files a run needs,
 * fio's jobs, the report's groups) names a question through this enum, never by a string: a
 * renamed benchmark class fails to compile here, and {@code QuestionTest} fails if a class is no
 * longer in JMH's benchmark list.
 */
public enum Question {
    /** Random reads whose offsets are known in advance: the CPU overlaps their misses, a throughput. */
    RANDOM_READ(RandomReadBenchmark.class, true, false),
    /** Random reads that each wait for the one before (a tree walk, a hash chain): a latency. */
    RANDOM_READ_LATENCY(RandomReadBenchmark.class, true, false),
    RANDOM_WRITE(RandomWriteBenchmark.class, true, true),
    SEQUENTIAL_READ(SequentialReadBenchmark.class, false, false),
    SEQUENTIAL_WRITE(SequentialWriteBenchmark.class, false, true),
    /** Random reads through a file opened for a few reads and closed: a fresh mapping every time. */
    SHORT_LIVED_READ(ShortLivedReadBenchmark.class, true, false);

    /** What the lecture says of the mapped APIs for a question. */
    public enum Claim {
        /** "about 10 times faster than streams": random access. */
        MAPPED_TEN_X_FASTER("mapped ≈10x faster"),
        /** "the situation is reversed": sequential access, streams faster than a mapping. */
        STREAMS_FASTER("reversed: streams faster than mapped");

        public final String label;

        Claim(String label) {
            this.label = label;
        }
    }

    /** The JMH benchmark class that answers it. */
    public final Class<?> benchmark;
    /** Random offsets (else front to back). */
    public final boolean random;
    /** Writes (else reads). */
    public final boolean writes;

    Question(Class<?> benchmark, boolean random, boolean writes) {
        this.benchmark = benchmark;
        this.random = random;
        this.writes = writes;
    }

    /** What it asks, in words: "Random reads", "Short-lived random reads (open, read a few blocks, close)". */
    public String words() {
        return switch (this) {
            case RANDOM_READ -> "Random reads, throughput (independent reads: the CPU overlaps their misses)";
            case RANDOM_READ_LATENCY -> "Random reads, latency (each read waits for the one before)";
            case SHORT_LIVED_READ -> "Short-lived random reads (open, read a few blocks, close)";
            default -> (random ? "Random " : "Sequential ") + (writes ? "writes" : "reads");
        };
    }

    /** The access pattern its rows have, for the class that runs both; empty for the others. */
    public Optional<Access> access() {
        return switch (this) {
            case RANDOM_READ -> Optional.of(Access.INDEPENDENT);
            case RANDOM_READ_LATENCY -> Optional.of(Access.DEPENDENT);
            default -> Optional.empty();
        };
    }

    /**
     * Operations one iteration of its benchmark times from {@code cache}, when the class counts
     * them ({@code @Param ops}); the profiles use these. From a resident file: enough for the first
     * touches to be shared as a program that reads a file many times shares them. From a cold one:
     * few, because a read-around of megabytes would otherwise load the whole file within the
     * iteration: 32 random reads with the device's 8 MiB bring in 256 MiB of a 4 GiB file, so the
     * last of them still finds about 6% of it cached (128 reads: 25%). A short-lived read's operation is itself many reads, so it runs fewer. 0 for the
     * sequential classes, which count the bytes of a pass instead ({@code @Param bytes}).
     */
    public long opsPerIteration(CacheState cache) {
        return switch (this) {
            case RANDOM_READ, RANDOM_READ_LATENCY -> cache == CacheState.COLD ? 32 : 65536;
            // Each write may leave a page for the next iteration's setup to write back: fewer of them.
            case RANDOM_WRITE -> cache == CacheState.COLD ? 128 : 16384;
            case SHORT_LIVED_READ -> cache == CacheState.COLD ? 16 : 256;
            case SEQUENTIAL_READ, SEQUENTIAL_WRITE -> 0;
        };
    }

    /**
     * Bytes one iteration of a sequential class moves from offset 0 ({@code @Param bytes}), on a
     * file of {@code fileSize}: a GiB, enough for a pass to be steady past the file's front, or
     * the whole of a smaller file; 0 for the classes that count operations instead.
     */
    public long bytesPerIteration(long fileSize) {
        return random ? 0 : Math.min(SEQUENTIAL_BYTES, fileSize);
    }

    /** What a sequential class's iteration moves by default: the class's {@code @Param bytes}. */
    public static final long SEQUENTIAL_BYTES = 1L << 30;

    /** Whether fio can run the same pattern: it keeps a file open, so not the short-lived reads. */
    public boolean crossCheckedByFio() {
        return this != SHORT_LIVED_READ && this != RANDOM_READ_LATENCY;
    }

    /** The name people read: the class's simple name without "Benchmark", e.g. RandomRead; "RandomRead (latency)". */
    public String label() {
        String name = benchmark.getSimpleName();
        return name.substring(0, name.length() - "Benchmark".length()) + (this == RANDOM_READ_LATENCY ? " (latency)" : "");
    }

    public Claim claim() {
        return random ? Claim.MAPPED_TEN_X_FASTER : Claim.STREAMS_FASTER;
    }

    /** The data file its benchmark runs on: writes never touch the file that reads trust. */
    public DataFile.Kind dataFile() {
        return writes ? DataFile.Kind.WRITE : DataFile.Kind.READ;
    }

    /**
     * The question a result row answers: its benchmark's, and for random reads the one its
     * {@code access} names (a row without it ran the plain, independent reads).
     */
    public static Optional<Question> of(String benchmark, java.util.Map<String, String> params) {
        Optional<Question> first = ofBenchmark(benchmark);
        if (first.isEmpty() || first.get().access().isEmpty()) {
            return first;
        }
        Access access = mmapbench.param.Parameter.ACCESS.in(params).orElse(null);
        for (Question q : values()) {
            if (q.benchmark == first.get().benchmark && q.access().orElseThrow() == access) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    /** The question {@code benchmarkClass} answers, if it is a file benchmark class. */
    public static Optional<Question> ofClass(Class<?> benchmarkClass) {
        return ofBenchmark(benchmarkClass.getName() + ".");
    }

    /** The question of a JMH benchmark name such as {@code mmapbench.file.RandomReadBenchmark.memorySegment}. */
    public static Optional<Question> ofBenchmark(String benchmark) {
        int dot = benchmark.lastIndexOf('.');
        String cls = dot < 0 ? benchmark : benchmark.substring(0, dot);
        for (Question q : values()) {
            if (q.benchmark.getName().equals(cls)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

}
