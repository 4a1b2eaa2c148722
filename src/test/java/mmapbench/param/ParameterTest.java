package mmapbench.param;

import mmapbench.file.Question;
import mmapbench.ipc.SharedMemoryPingPongBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openjdk.jmh.annotations.Param;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vocabulary and the benchmark classes agree: every {@code @Param} field has its
 * {@link Parameter}, every {@link Parameter} names a field, each parses every default of its
 * fields, and its plain value is the fields' first default. A field renamed, added or given a new
 * first value without its {@link Parameter} fails here, not in a report that misfiles its rows.
 */
class ParameterTest {

    /** Every benchmark class's {@code @Param} fields, superclasses' included, by name. */
    private static Map<String, List<Field>> fields() {
        Map<String, List<Field>> out = new LinkedHashMap<>();
        List<Class<?>> classes = new ArrayList<>(Arrays.stream(Question.values()).<Class<?>>map(q -> q.benchmark).toList());
        classes.add(SharedMemoryPingPongBenchmark.class);
        classes.add(mmapbench.tail.ReadTailBenchmark.class);
        classes.add(mmapbench.tail.WriteTailBenchmark.class);
        classes.add(mmapbench.tail.OpenReadCloseTailBenchmark.class);
        classes.add(mmapbench.stall.JvmStallBenchmark.class);
        for (Class<?> cls : classes) {
            for (Class<?> c = cls; c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (f.isAnnotationPresent(Param.class) && out.computeIfAbsent(f.getName(), k -> new ArrayList<>())
                            .stream().noneMatch(f::equals)) {
                        out.get(f.getName()).add(f);
                    }
                }
            }
        }
        return out;
    }

    /** A field's defaults as JMH runs them: an empty {@code @Param} on an enum is every constant. */
    private static List<String> defaults(Field f) {
        String[] given = f.getAnnotation(Param.class).value();
        if (Arrays.equals(given, new String[]{Param.BLANK_ARGS}) && f.getType().isEnum()) {
            return Arrays.stream(f.getType().getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
        }
        return List.of(given);
    }

    @Test
    void everyParamFieldHasAParameterAndEveryParameterAField() {
        assertEquals(new TreeSet<>(fields().keySet()),
                new TreeSet<>(Parameter.ALL.stream().map(p -> p.name).toList()));
    }

    @Test
    void eachParameterParsesEveryDefaultAndItsPlainValueIsTheFirst() {
        fields().forEach((name, fs) -> {
            Parameter<?> p = Parameter.named(name).orElseThrow();
            for (Field f : fs) {
                List<String> defaults = defaults(f);
                defaults.forEach(p::parse);
                p.plain().ifPresent(plain -> assertEquals(defaults.getFirst(), format(p, plain),
                        f.getDeclaringClass().getSimpleName() + "." + name + ": the plain value is not the first default"));
            }
        });
    }

    @Test
    void anEnumParametersValuesAreTheEnumsConstants() {
        fields().forEach((name, fs) -> {
            Parameter<?> p = Parameter.named(name).orElseThrow();
            for (Field f : fs) {
                if (f.getType().isEnum()) {
                    for (Object c : f.getType().getEnumConstants()) {
                        assertEquals(c, p.parse(((Enum<?>) c).name()), name);
                    }
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> String format(Parameter<T> p, Object value) {
        return p.format((T) value);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "cache | LUKEWARM | -p cache=LUKEWARM is not a value of cache: use one of HOT, WARM, COLD",
            "blockSize | 4k | -p blockSize=4k is not a whole number: use e.g. -p blockSize=4096",
            "memoryLimit | 25 | -p memoryLimit=25 is not none or a share of the data file from 1% to 100%: use e.g. -p memoryLimit=25%",
            "channel | FOO | -p channel=FOO is not a value of channel: use one of SHM_SPIN, SHM_FUTEX, SHM_LOCK, UNIX_SOCKET, TCP_LOOPBACK, PIPE",
    })
    void aBadValueIsOneLineNamingTheValidOnes(String name, String value, String message) {
        Parameter<?> p = Parameter.named(name).orElseThrow();
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> p.parse(value)).getMessage());
    }

    @Test
    void aRowWithoutAParameterRanWithItsPlainValueAndAForeignValueIsNone() {
        assertEquals(Optional.of(mmapbench.ipc.Cpus.ANY), Parameter.CPUS.in(Map.of()));
        assertEquals(Optional.empty(), Parameter.CACHE.in(Map.of()), "cache has no plain value: every row names it");
        assertEquals(Optional.empty(), Parameter.CACHE.in(Map.of("cache", "TEPID")));
        assertEquals(Optional.of(4096L), Parameter.BLOCK_SIZE.in(Map.of("blockSize", "4096")));
    }

    @Test
    void aParamSetSpellsItsValuesAsJmhDoes() {
        ParamSet set = ParamSet.EMPTY.with(Parameter.BLOCK_SIZE, 8L, 4096L)
                .with(Parameter.CACHE, mmapbench.fixture.CacheState.WARM)
                .with(Parameter.MEMORY_LIMIT, new mmapbench.fixture.MemoryLimit(25));
        assertEquals("8,4096", set.joined(Parameter.BLOCK_SIZE));
        assertEquals("blockSize=8,4096 cache=WARM memoryLimit=25%", set.toString());
        assertEquals(set.withText(Parameter.BLOCK_SIZE, List.of("8", "4096")), set);
        assertTrue(set.get(Parameter.ADVICE).isEmpty());
    }
}
