package mmapbench.file;

import mmapbench.fixture.DataFile;

import java.util.Optional;

/**
 * The questions the file benchmarks answer, one benchmark class each, and what the lecture
 * expects of each. Every other part of the suite (the profile's legs, the data files a run needs,
 * fio's jobs, the report's groups) names a question through this enum, never by a string: a
 * renamed benchmark class fails to compile here, and {@code QuestionTest} fails if a class is no
 * longer in JMH's benchmark list.
 */
public enum Question {
    RANDOM_READ(RandomReadBenchmark.class, true, false),
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
        return this == SHORT_LIVED_READ ? "Short-lived random reads (open, read a few blocks, close)"
                : (random ? "Random " : "Sequential ") + (writes ? "writes" : "reads");
    }

    /** Whether fio can run the same pattern: it keeps a file open, so not the short-lived reads. */
    public boolean crossCheckedByFio() {
        return this != SHORT_LIVED_READ;
    }

    /** The name people read: the class's simple name without "Benchmark", e.g. RandomRead. */
    public String label() {
        String name = benchmark.getSimpleName();
        return name.substring(0, name.length() - "Benchmark".length());
    }

    public Claim claim() {
        return random ? Claim.MAPPED_TEN_X_FASTER : Claim.STREAMS_FASTER;
    }

    /** The data file its benchmark runs on: writes never touch the file that reads trust. */
    public DataFile.Kind dataFile() {
        return writes ? DataFile.Kind.WRITE : DataFile.Kind.READ;
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
