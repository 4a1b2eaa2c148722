package mmapbench.report;

import mmapbench.param.Parameter;
import mmapbench.fixture.Sizes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What makes a row other than plain: the parameters whose non-plain values turn a row into a
 * variant, tallied in a section of its own and never counted for or against the lecture's claim.
 * An empty variant is the plain row.
 *
 * @param settings parameter name to its (non-plain) value, sorted by name
 */
public record Variant(Map<String, String> settings) implements Comparable<Variant> {

    /** The parameters of a group that are not variants: they say which comparison a row belongs to. */
    /** The access pattern is the question's own (throughput or latency), not a variant of it. */
    static final Set<String> GROUP_PARAMS = Set.of(Parameter.BLOCK_SIZE.name, Parameter.CACHE.name,
            Parameter.FOLIOS.name, Parameter.FILE_SIZE.name, Parameter.OPS.name, Parameter.BYTES.name, Parameter.ACCESS.name,
            Parameter.READ_AHEAD.name);

    /**
     * Every known variant parameter with its plain value: the one place to add a new one. A
     * parameter a row carries that is in neither list is treated as a variant too (without a known
     * plain value), so that a new parameter can never mix its rows into the plain comparison.
     */
    public enum Param {
        /** madvise on the mapping; the non-mapped APIs take none, so their plain rows are the partners. */
        ADVICE(Parameter.ADVICE, true),
        MEMORY_LIMIT(Parameter.MEMORY_LIMIT, false),
        /** Blocks a short-lived read reads between open and close. */
        READS(Parameter.READS, false),
        /** Forced (durable) sequential writes. */
        FORCE_EVERY(Parameter.FORCE_EVERY, false),
        /** JMH's thread count, from the row's {@code threads} field rather than a {@code @Param}. */
        THREADS("threads", "1"),
        /** A time-per-operation row in another mode (sample, single shot) answers a different question. */
        MODE("mode", "avgt");

        public final String name;
        /** How JMH spells the plain value: a benchmark parameter's own, or JMH's for its row fields. */
        public final String plain;
        /** Applies to mapped APIs only. */
        public final boolean mappedOnly;

        <T> Param(Parameter<T> parameter, boolean mappedOnly) {
            this(parameter.name, parameter.format(parameter.plain().orElseThrow()), mappedOnly);
        }

        /** One of JMH's own row fields, which apply to every API. */
        Param(String jmhField, String plain) {
            this(jmhField, plain, false);
        }

        Param(String name, String plain, boolean mappedOnly) {
            this.name = name;
            this.plain = plain;
            this.mappedOnly = mappedOnly;
        }

        String value(Row r) {
            return switch (this) {
                case THREADS -> String.valueOf(r.threads());
                // A single-shot call of `ops` operations is this suite's time per operation, as average mode was.
                case MODE -> r.mode().equals(JmhResults.SINGLE_SHOT) ? plain : r.mode();
                default -> r.params().getOrDefault(name, plain);
            };
        }

        static Param named(String name) {
            for (Param p : values()) {
                if (p.name.equals(name)) {
                    return p;
                }
            }
            return null;
        }
    }

    public static final Variant PLAIN = new Variant(Map.of());

    public Variant {
        settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** The variant of a row; a non-mapped row ignores the mapped-only parameters. */
    public static Variant of(Row r) {
        Map<String, String> s = new TreeMap<>();
        for (Param p : Param.values()) {
            String v = p.value(r);
            if (!v.equals(p.plain) && !(p.mappedOnly && !r.mapped())) {
                s.put(p.name, v);
            }
        }
        r.params().forEach((k, v) -> {
            if (!GROUP_PARAMS.contains(k) && Param.named(k) == null) {
                s.put(k, v);
            }
        });
        return new Variant(s);
    }

    public boolean plain() {
        return settings.isEmpty();
    }

    /** The variant the non-mapped partners of a mapped row have: without the mapped-only settings. */
    public Variant forNonMapped() {
        Map<String, String> s = new TreeMap<>(settings);
        s.keySet().removeIf(k -> Param.named(k) != null && Param.named(k).mappedOnly);
        return new Variant(s);
    }

    /** For people: "plain", or e.g. "madvise RANDOM, 2 threads". Never parsed back. */
    public String label() {
        if (plain()) {
            return "plain";
        }
        List<String> parts = new ArrayList<>();
        settings.forEach((k, v) -> {
            Param p = Param.named(k);
            parts.add(p == null ? k + "=" + v : switch (p) {
                case ADVICE -> "madvise " + v;
                case READS -> v + " reads per open";
                case MEMORY_LIMIT -> "memory limit " + v;
                case FORCE_EVERY -> "durable: force every " + forceLabel(v);
                case THREADS -> v + " threads";
                case MODE -> v + " mode";
            });
        });
        return String.join(", ", parts);
    }

    private static String forceLabel(String v) {
        try {
            return Sizes.format(Long.parseLong(v));
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** Plain first, then by settings. */
    @Override
    public int compareTo(Variant o) {
        if (plain() != o.plain()) {
            return plain() ? -1 : 1;
        }
        return settings.toString().compareTo(o.settings.toString());
    }
}
