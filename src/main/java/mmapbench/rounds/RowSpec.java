package mmapbench.rounds;

import mmapbench.file.Api;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One row of a leg: a benchmark method and one value of each of its parameters, as JMH's result
 * JSON names it. A round measures one fork of it.
 *
 * @param benchmark JMH's full name, {@code mmapbench.file.RandomReadBenchmark.fileChannel}
 * @param mode      JMH's short name of the mode ({@code ss}, {@code sample}), as its JSON writes it
 * @param threads   JMH's thread count (a row at N threads is another row than at one)
 * @param params    every parameter of the row, name to value as JMH writes it
 */
public record RowSpec(String benchmark, String mode, int threads, SortedMap<String, String> params)
        implements Comparable<RowSpec> {

    public RowSpec {
        params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    public static RowSpec of(String benchmark, String mode, Map<String, String> params) {
        return of(benchmark, mode, 1, params);
    }

    public static RowSpec of(String benchmark, String mode, int threads, Map<String, String> params) {
        return new RowSpec(benchmark, mode, Math.max(1, threads), new TreeMap<>(params));
    }

    /** The method's name, {@code fileChannel}. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** A same-against-same twin ({@code fileChannelControl}). */
    public boolean control() {
        return method().endsWith(Api.CONTROL_SUFFIX);
    }

    /** The row a control twin measures again: the same class and parameters, the method without its suffix. */
    public RowSpec twin() {
        if (!control()) {
            return this;
        }
        return new RowSpec(benchmark.substring(0, benchmark.length() - Api.CONTROL_SUFFIX.length()), mode, threads,
                params);
    }

    /** "RandomReadBenchmark.fileChannel blockSize=8 cache=WARM": for people and the rounds file. */
    public String label() {
        String cls = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return cls.substring(cls.lastIndexOf('.') + 1) + "." + method() + ":" + mode
                + (threads > 1 ? " threads=" + threads : "") + (params.isEmpty() ? "" : " "
                + params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
    }

    @Override
    public int compareTo(RowSpec o) {
        return label().compareTo(o.label());
    }
}
