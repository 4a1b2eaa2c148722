package mmapbench.cli;

import mmapbench.file.Api;
import mmapbench.file.Question;
import mmapbench.param.ParamSet;
import mmapbench.param.Parameter;
import org.openjdk.jmh.annotations.Mode;

import java.util.List;

/**
 * One JMH run of a profile: benchmark classes, the methods of them to run (empty: all), their
 * parameters, the modes whose rows it wants (empty: the classes' own) and its thread count (0:
 * JMH's, one unless the user says {@code -t}). Which rows run is the profile's; how each is
 * measured (forks, warm-up, iterations) is the classes' annotations'.
 *
 * @param kind what the leg measures, without its cache state: "random reads"
 */
record Leg(String kind, List<Class<?>> classes, List<String> methods, ParamSet params, List<Mode> modes, int threads) {

    /** A leg over the benchmark classes of {@code questions}, every method, JMH's thread count. */
    static Leg of(String kind, List<Question> questions, ParamSet params) {
        return new Leg(kind, questions.stream().<Class<?>>map(q -> q.benchmark).toList(), List.of(), params,
                List.of(), 0);
    }

    /** The same leg with {@code parameter} set to {@code values}. */
    @SafeVarargs
    final <T> Leg with(Parameter<T> parameter, T... values) {
        return new Leg(kind, classes, methods, params.with(parameter, values), modes, threads);
    }

    <T> Leg with(Parameter<T> parameter, List<T> values) {
        return new Leg(kind, classes, methods, params.with(parameter, values), modes, threads);
    }

    /** The same leg for the mapped methods alone: for settings only a mapping takes, such as madvise. */
    Leg mappedOnly() {
        return new Leg(kind, classes, Api.MAPPED.stream().map(a -> a.method).toList(), params, modes, threads);
    }

    Leg onThreads(int count) {
        return new Leg(kind, classes, methods, params, modes, count);
    }

    /** "random reads, WARM": what it measures and in which cache states, as the profile gives them. */
    String name() {
        return params.has(Parameter.CACHE) ? kind + ", " + params.joined(Parameter.CACHE) : kind;
    }
}
