package mmapbench.param;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values a run gives some parameters, typed: what a profile's leg sets, and what it becomes
 * once the user's {@code -p} has overridden it. Immutable; {@link #with} makes a new set. JMH
 * takes the values as text, through {@link #jmhValues}, spelled by the parameter itself.
 */
public final class ParamSet {

    public static final ParamSet EMPTY = new ParamSet(Map.of());

    private final Map<Parameter<?>, List<?>> values;

    private ParamSet(Map<Parameter<?>, List<?>> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** This set with {@code parameter} given {@code given} (replacing what it had). */
    @SafeVarargs
    public final <T> ParamSet with(Parameter<T> parameter, T... given) {
        return with(parameter, List.of(given));
    }

    public <T> ParamSet with(Parameter<T> parameter, List<T> given) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException(parameter + " needs at least one value");
        }
        Map<Parameter<?>, List<?>> next = new LinkedHashMap<>(values);
        next.put(parameter, List.copyOf(given));
        return new ParamSet(next);
    }

    /** This set without {@code parameter}. */
    public ParamSet without(Parameter<?> parameter) {
        Map<Parameter<?>, List<?>> next = new LinkedHashMap<>(values);
        next.remove(parameter);
        return new ParamSet(next);
    }

    /** This set with {@code parameter} given the values in {@code texts}, each parsed by the parameter. */
    public <T> ParamSet withText(Parameter<T> parameter, List<String> texts) {
        List<T> parsed = new ArrayList<>();
        for (String text : texts) {
            parsed.add(parameter.parse(text));
        }
        return with(parameter, parsed);
    }

    /** The values of {@code parameter}; empty when the set does not give it. */
    @SuppressWarnings("unchecked")
    public <T> List<T> get(Parameter<T> parameter) {
        return (List<T>) values.getOrDefault(parameter, List.of());
    }

    public boolean has(Parameter<?> parameter) {
        return values.containsKey(parameter);
    }

    /** The parameters it gives, in the order they were given. */
    public Set<Parameter<?>> parameters() {
        return values.keySet();
    }

    /** The values of {@code parameter} as JMH's {@code -p} spells them. */
    public <T> String[] jmhValues(Parameter<T> parameter) {
        return get(parameter).stream().map(parameter::format).toArray(String[]::new);
    }

    /** "8,4096": the values as one {@code -p} argument, and as a leg's label shows them. */
    public String joined(Parameter<?> parameter) {
        return String.join(",", jmhValues(parameter));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamSet other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** "blockSize=8,4096 cache=WARM", for people and messages; never parsed back. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (Parameter<?> p : values.keySet()) {
            parts.add(p.name + "=" + joined(p));
        }
        return String.join(" ", parts);
    }
}
