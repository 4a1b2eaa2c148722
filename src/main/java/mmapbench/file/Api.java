package mmapbench.file;

import org.openjdk.jmh.infra.BenchmarkParams;

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

    /** The API whose method JMH is about to run. */
    public static Api of(BenchmarkParams params) {
        return ofMethod(params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1));
    }

    public static Api ofMethod(String method) {
        for (Api api : values()) {
            if (api.method.equals(method)) {
                return api;
            }
        }
        throw new IllegalArgumentException("no API is tested by a method named " + method);
    }
}
