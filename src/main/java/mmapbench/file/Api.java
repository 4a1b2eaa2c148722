package mmapbench.file;

import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Arrays;
import java.util.List;

/** The APIs under test, each named after the benchmark method that exercises it. */
public enum Api {
    MAPPED_BUFFER("mappedBuffer", true),
    MEMORY_SEGMENT("memorySegment", true),
    RANDOM_ACCESS_FILE("randomAccessFile", false),
    FILE_CHANNEL("fileChannel", false),
    BUFFERED_STREAM("bufferedStream", false);

    /** The name of the benchmark method in every file benchmark class. */
    public final String method;
    /** Whether the API reads and writes through a mapping of the file. */
    public final boolean mapped;

    Api(String method, boolean mapped) {
        this.method = method;
        this.mapped = mapped;
    }

    /** The APIs that read and write through a mapping, in declaration order: a new one joins every mapped-only leg. */
    public static final List<Api> MAPPED = Arrays.stream(values()).filter(a -> a.mapped).toList();

    /**
     * What a control method's name ends with: {@code fileChannelControl} is {@code fileChannel} measured a
     * second time, as its own benchmark, so that every run has a same-against-same comparison.
     */
    public static final String CONTROL_SUFFIX = "Control";

    /** The API whose method JMH is about to run (a control method runs its API). */
    public static Api of(BenchmarkParams params) {
        return ofMethod(params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1));
    }

    public static Api ofMethod(String method) {
        if (method.endsWith(CONTROL_SUFFIX)) {
            method = method.substring(0, method.length() - CONTROL_SUFFIX.length());
        }
        for (Api api : values()) {
            if (api.method.equals(method)) {
                return api;
            }
        }
        throw new IllegalArgumentException("no API is tested by a method named " + method);
    }
}
