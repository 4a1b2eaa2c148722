package mmapbench.report;

import java.util.Map;

/**
 * One row of JMH's result JSON, as far as a verdict needs it. Times are in nanoseconds per
 * operation whatever the benchmark's own unit; {@code low}/{@code high} are JMH's 99.9%
 * confidence interval (the score itself when JMH gives none, as with a single iteration).
 *
 * @param question    the benchmark class's simple name without "Benchmark", e.g. RandomRead
 * @param api         the benchmark method, e.g. memorySegment
 * @param percentiles sample mode's percentiles ("50.0" to nanoseconds), else empty
 * @param secondary   secondary metrics by label (the evidence of {@code IoProfiler}, per operation)
 */
public record Row(String benchmark, String question, String api, String mode, Map<String, String> params,
                  double score, double error, double low, double high, String unit, Map<String, Double> percentiles,
                  Map<String, Double> secondary) {

    public String param(String name) {
        return params.getOrDefault(name, "");
    }
}
