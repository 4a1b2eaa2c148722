package mmapbench.cli;

import mmapbench.fixture.ParamCheck;
import mmapbench.param.Parameter;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every {@code @Param} value a run will use, checked before anything runs: a name no benchmark of
 * the run has, a value that is not one of an enum's constants or not a number, and whatever a
 * benchmark's own {@link ParamCheck} refuses, each in one line that names the valid values.
 * Without this, JMH's forked JVM would print a stack trace minutes into the run.
 */
final class ParamValues {

    private ParamValues() {
    }

    static void check(List<LegPlanner.Planned> plan, CommandLineOptions user, List<String> jmhArgs)
            throws UsageException {
        TreeSet<String> known = new TreeSet<>();
        for (LegPlanner.Planned p : plan) {
            for (BenchmarkListEntry e : p.benchmarks()) {
                Class<?> cls = benchmarkClass(e);
                Map<String, Field> fields = paramFields(cls);
                known.addAll(fields.keySet());
                Map<String, List<String>> space = new LinkedHashMap<>();
                for (Map.Entry<String, Field> f : fields.entrySet()) {
                    String name = f.getKey();
                    List<String> values = user.getParameter(name).hasValue() ? new ArrayList<>(user.getParameter(name).get())
                            : Parameter.named(name).filter(p.params()::has).isPresent()
                            ? List.of(p.params().jmhValues(Parameter.named(name).orElseThrow()))
                            : e.getParams().hasValue() && e.getParams().get().containsKey(name)
                            ? Arrays.asList(e.getParams().get().get(name)) : List.of();
                    for (String v : values) {
                        convert(f.getValue(), v);
                    }
                    space.put(name, values);
                }
                checkEvery(cls, fields, space);
            }
        }
        for (String name : paramNames(jmhArgs)) {
            if (!known.contains(name)) {
                throw new UsageException("-p " + name + ": no benchmark of this run has a parameter " + name
                        + "; theirs are " + String.join(", ", known));
            }
        }
    }

    /** The names the user gave with {@code -p name=values} (JMH's parsed options cannot list them). */
    static List<String> paramNames(List<String> jmhArgs) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < jmhArgs.size(); i++) {
            String arg = jmhArgs.get(i);
            String spec = arg.equals("-p") && i + 1 < jmhArgs.size() ? jmhArgs.get(++i)
                    : arg.startsWith("-p") && arg.length() > 2 ? arg.substring(2) : null;
            if (spec != null && spec.contains("=")) {
                names.add(spec.substring(0, spec.indexOf('=')));
            }
        }
        return names;
    }

    /** Runs the class's own check on every combination of the values. */
    private static void checkEvery(Class<?> cls, Map<String, Field> fields, Map<String, List<String>> space)
            throws UsageException {
        if (!ParamCheck.class.isAssignableFrom(cls)) {
            return;
        }
        List<String> names = new ArrayList<>(space.keySet());
        int[] at = new int[names.size()];
        while (true) {
            try {
                Object b = cls.getDeclaredConstructor().newInstance();
                for (int i = 0; i < names.size(); i++) {
                    List<String> values = space.get(names.get(i));
                    if (!values.isEmpty()) {
                        Field f = fields.get(names.get(i));
                        f.set(b, convert(f, values.get(at[i])));
                    }
                }
                ((ParamCheck) b).checkParams();
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(cls.getName() + " cannot be made for its parameter check: " + e, e);
            }
            int i = 0;
            while (i < at.length && ++at[i] >= Math.max(1, space.get(names.get(i)).size())) {
                at[i++] = 0;
            }
            if (i == at.length) {
                return;
            }
        }
    }

    /** The value as the field's type, or one line that names the valid values. */
    static Object convert(Field f, String value) throws UsageException {
        Class<?> type = f.getType();
        String name = f.getName();
        if (type.isEnum()) {
            for (Object c : type.getEnumConstants()) {
                if (((Enum<?>) c).name().equals(value)) {
                    return c;
                }
            }
            throw new UsageException("-p " + name + "=" + value + " is not a value of " + name + ": use one of "
                    + String.join(", ", Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList()));
        }
        try {
            if (type == int.class) {
                return Integer.parseInt(value);
            }
            if (type == long.class) {
                return Long.parseLong(value);
            }
        } catch (NumberFormatException e) {
            throw new UsageException("-p " + name + "=" + value + " is not a whole number: use e.g. -p " + name + "="
                    + String.join(",", defaults(f)));
        }
        return value;
    }

    private static List<String> defaults(Field f) {
        return Arrays.asList(f.getAnnotation(Param.class).value());
    }

    /** The class's @Param fields by name, its superclasses' included. */
    static Map<String, Field> paramFields(Class<?> cls) {
        Map<String, Field> out = new LinkedHashMap<>();
        for (Class<?> c = cls; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(Param.class)) {
                    f.setAccessible(true);
                    out.putIfAbsent(f.getName(), f);
                }
            }
        }
        return out;
    }

    private static Class<?> benchmarkClass(BenchmarkListEntry e) {
        try {
            return Class.forName(e.getUserClassQName());
        } catch (ClassNotFoundException ex) {
            throw new IllegalStateException("benchmark class " + e.getUserClassQName() + " is not in the jar", ex);
        }
    }
}
