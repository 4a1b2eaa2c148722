package mmapbench.report;

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
 */
public record Row(String benchmark, Optional<Question> fileQuestion, Optional<Api> api, boolean control, String mode,
                  int threads, Map<String, String> params, double score, double error, String unit,
                  List<List<Double>> forks, Map<String, Double> percentiles, Map<String, Double> secondary) {

    /** The method name suffix of a control benchmark: {@code fileChannelControl} twins {@code fileChannel}. */
    public static final String CONTROL = mmapbench.file.Api.CONTROL_SUFFIX;

    public String param(String name) {
        return params.getOrDefault(name, "");
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
