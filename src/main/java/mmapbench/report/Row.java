package mmapbench.report;

import mmapbench.param.Parameter;
import mmapbench.file.Api;
import mmapbench.file.Question;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One row of JMH's result JSON, as far as a verdict needs it. Times are in nanoseconds per
 * operation whatever the benchmark's own unit.
 *
 * @param fileQuestion the file question its benchmark class answers; empty for other benchmarks (IPC)
 * @param api          the API its method exercises; empty for IPC rows
 * @param control      a same-against-same twin ({@code fileChannelControl}): the API's operation measured again
 * @param threads      JMH's thread count (a variant when above 1)
 * @param forks        JMH's raw data: per fork, the score of each measurement iteration, in nanoseconds per op
 * @param percentiles  sample mode's percentiles ("50.0" to nanoseconds), else empty
 * @param secondary    secondary metrics by label (the evidence of {@code IoProfiler}, per operation)
 * @param forkMedians  sample mode's median of each fork (round), in nanoseconds; else empty
 */
public record Row(String benchmark, Optional<Question> fileQuestion, Optional<Api> api, boolean control, String mode,
                  int threads, Map<String, String> params, double score, double error, String unit,
                  List<List<Double>> forks, Map<String, Double> percentiles, Map<String, Double> secondary,
                  List<Double> forkMedians) {

    /** The row's value of {@code parameter}: see {@link Parameter#in}. */
    public <T> Optional<T> value(Parameter<T> parameter) {
        return parameter.in(params);
    }

    /** The row's value of {@code parameter} as JMH wrote it, or "" where it has none. */
    public String text(Parameter<?> parameter) {
        return params.getOrDefault(parameter.name, "");
    }

    /** As {@link #text}, with the parameter's plain value where the row has none. */
    public <T> String textOrPlain(Parameter<T> parameter) {
        return params.getOrDefault(parameter.name, parameter.plain().map(parameter::format).orElse(""));
    }

    /** "4096 B, COLD", for people: the block size and cache state the row measured. Never parsed back. */
    public String blockAndCache() {
        return text(Parameter.BLOCK_SIZE) + " B, " + text(Parameter.CACHE);
    }

    /** The benchmark method's name, e.g. memorySegment or fileChannelControl. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** A file row with a score and an API: one the verdict can use. */
    public boolean judgeable() {
        return fileQuestion.isPresent() && api.isPresent() && !Double.isNaN(score);
    }

    /** The mapped API of a file row (controls are never mapped). */
    public boolean mapped() {
        return api.map(a -> a.mapped).orElse(false);
    }
}
