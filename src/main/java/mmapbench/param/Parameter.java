package mmapbench.param;

import mmapbench.fixture.ReadAround;
import mmapbench.file.Access;
import mmapbench.fixture.Advice;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Folios;
import mmapbench.fixture.MemoryLimit;
import mmapbench.ipc.Channel;
import mmapbench.ipc.Cpus;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A benchmark parameter: the name of its {@code @Param} field and the type of its values. This is
 * the one place a parameter's name is spelled; the profiles, the planner, fio, the report and its
 * variants name a parameter through these constants and read its values through {@link #parse},
 * so a renamed field or a new value is one change here ({@code ParameterTest} checks every constant
 * against the benchmark classes' fields).
 *
 * <p>{@link #plain()} is the value a row runs with unless it asks for another: the first value of
 * the field's {@code @Param}. A row of an older result file that lacks the parameter ran with it.
 *
 * @param <T> the type of its values
 */
public final class Parameter<T> {

    /** Where the file's pages are when an iteration starts. */
    public static final Parameter<CacheState> CACHE = ofEnum("cache", CacheState.class, null);
    /** How a resident file sits in the page cache. */
    public static final Parameter<Folios> FOLIOS = ofEnum("folios", Folios.class, Folios.LARGE);
    /** madvise on the mapped APIs' fresh mapping. */
    public static final Parameter<Advice> ADVICE = ofEnum("advice", Advice.class, Advice.NORMAL);
    /** Whether a random read waits for the one before it. */
    public static final Parameter<Access> ACCESS = ofEnum("access", Access.class, Access.INDEPENDENT);
    /** A share of the data file the page cache may hold, or none. */
    public static final Parameter<MemoryLimit> MEMORY_LIMIT = new Parameter<>("memoryLimit", MemoryLimit::parse,
            MemoryLimit::toString, MemoryLimit.NONE, "25%");
    /** Bytes per operation. */
    public static final Parameter<Long> BLOCK_SIZE = whole("blockSize", null, "4096");
    /** How far the kernel reads around a missing page: the device's setting, or KiB set for the trial. */
    public static final Parameter<ReadAround> READ_AHEAD = new Parameter<>("readAhead", ReadAround::parse,
            ReadAround::toString, ReadAround.DEVICE, "128");
    /** Bytes in the data file. */
    public static final Parameter<Long> FILE_SIZE = whole("fileSize", null, "4294967296");
    /** Bytes between two forces of a sequential writer; 0 for never. */
    public static final Parameter<Long> FORCE_EVERY = whole("forceEvery", 0L, "268435456");
    /** Blocks a short-lived read reads between open and close. */
    public static final Parameter<Long> READS = whole("reads", 16L, "16");
    /** Operations one single-shot iteration of a file benchmark runs; each class has its own default. */
    public static final Parameter<Long> OPS = whole("ops", null, "65536");
    /** Bytes one single-shot iteration of a sequential file benchmark reads or writes. */
    public static final Parameter<Long> BYTES = whole("bytes", null, "1073741824");
    /** Bytes of one IPC message. */
    public static final Parameter<Long> PAYLOAD = whole("payload", null, "2000");
    /** The IPC channel. */
    public static final Parameter<Channel> CHANNEL = ofEnum("channel", Channel.class, null);
    /** Bytes the stall benchmark's bystander thread allocates after each 1 ms park. */
    public static final Parameter<Long> ALLOCATION = whole("allocation", 262144L, "262144");
    /** Where the two IPC processes run; a row without it ran where the scheduler chose. */
    public static final Parameter<Cpus> CPUS = ofEnum("cpus", Cpus.class, Cpus.ANY);

    /** Every parameter of the suite's benchmarks. */
    public static final List<Parameter<?>> ALL = List.of(CACHE, FOLIOS, ADVICE, ACCESS, MEMORY_LIMIT, READ_AHEAD, BLOCK_SIZE,
            FILE_SIZE, FORCE_EVERY, READS, OPS, BYTES, PAYLOAD, CHANNEL, CPUS, ALLOCATION);

    /**
     * Operations one single-shot call of a file benchmark with these parameters runs: its
     * {@link #OPS}, or its {@link #BYTES} over what one operation moves (a block, or a stretch
     * of {@link #FORCE_EVERY} when forcing); 1 where it gives neither.
     */
    public static long operationsPerCall(Map<String, String> params) {
        Optional<Long> ops = OPS.in(params);
        if (ops.isPresent()) {
            return Math.max(1, ops.get());
        }
        Optional<Long> bytes = BYTES.in(params);
        long force = FORCE_EVERY.in(params).orElse(0L);
        long unit = force > 0 ? force : BLOCK_SIZE.in(params).orElse(0L);
        return bytes.isPresent() && unit > 0 ? Math.max(1, bytes.get() / unit) : 1;
    }

    /** The name of the {@code @Param} field, as {@code -p} and JMH's result JSON spell it. */
    public final String name;
    private final Function<String, T> parse;
    private final Function<T, String> format;
    private final T plain;
    /** A valid value, for the line that refuses an invalid one. */
    private final String example;

    private Parameter(String name, Function<String, T> parse, Function<T, String> format, T plain, String example) {
        this.name = name;
        this.parse = parse;
        this.format = format;
        this.plain = plain;
        this.example = example;
    }

    private static <E extends Enum<E>> Parameter<E> ofEnum(String name, Class<E> type, E plain) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        return new Parameter<>(name, value -> {
            if (!names.contains(value)) {
                throw new IllegalArgumentException("-p " + name + "=" + value + " is not a value of " + name
                        + ": use one of " + String.join(", ", names));
            }
            return Enum.valueOf(type, value);
        }, Enum::name, plain, names.getFirst());
    }

    private static Parameter<Long> whole(String name, Long plain, String example) {
        return new Parameter<>(name, value -> {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-p " + name + "=" + value + " is not a whole number: use e.g. -p "
                        + name + "=" + example);
            }
        }, String::valueOf, plain, example);
    }

    /**
     * The value {@code text} names.
     *
     * @throws IllegalArgumentException in one line that names the bad value and the valid ones
     */
    public T parse(String text) {
        return parse.apply(text);
    }

    /** How JMH and {@code -p} spell {@code value}. */
    public String format(T value) {
        return format.apply(value);
    }

    /** The value a row runs with unless it asks for another; empty for a parameter every row must give. */
    public Optional<T> plain() {
        return Optional.ofNullable(plain);
    }

    /** Whether {@code value} is the plain one. */
    public boolean isPlain(T value) {
        return plain != null && plain.equals(value);
    }

    /**
     * The value in a row's or a benchmark's parameters; the plain value where they lack it; empty
     * where there is neither or the text is not a value of this parameter (a foreign result file).
     */
    public Optional<T> in(Map<String, String> params) {
        String text = params.get(name);
        if (text == null) {
            return plain();
        }
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The parameter named {@code name}, if the suite has one. */
    public static Optional<Parameter<?>> named(String name) {
        return ALL.stream().filter(p -> p.name.equals(name)).findFirst();
    }

    /** A valid value, for a line that says how to give one. */
    public String example() {
        return example;
    }

    @Override
    public String toString() {
        return name;
    }
}
