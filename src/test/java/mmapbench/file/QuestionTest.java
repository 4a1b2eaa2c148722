package mmapbench.file;

import mmapbench.ipc.SharedMemoryPingPongBenchmark;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The vocabulary and JMH's generated benchmark list agree: a benchmark class or method renamed
 * without its {@link Question} or {@link Api} fails here, instead of silently dropping out of a leg.
 */
class QuestionTest {

    private static Set<String> benchmarks() {
        return BenchmarkList.defaultList()
                .find(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of(".*"), List.of())
                .stream().map(BenchmarkListEntry::getUsername).collect(Collectors.toSet());
    }

    @Test
    void everyQuestionHasEveryApiAsABenchmarkMethodAndNothingElse() {
        Set<String> all = benchmarks();
        for (Question q : Question.values()) {
            Set<String> mine = all.stream().filter(b -> b.startsWith(q.benchmark.getName() + "."))
                    .collect(Collectors.toSet());
            Set<String> expected = java.util.Arrays.stream(Api.values())
                    .map(a -> q.benchmark.getName() + "." + a.method).collect(Collectors.toCollection(HashSet::new));
            // And the control: fileChannel measured a second time.
            expected.add(q.benchmark.getName() + "." + Api.FILE_CHANNEL.method + Api.CONTROL_SUFFIX);
            assertEquals(expected, mine, q + "'s benchmark methods are its APIs and the control");
            mine.forEach(b -> assertEquals(q.benchmark, Question.ofBenchmark(b).orElseThrow().benchmark));
            q.access().ifPresent(a -> assertEquals(q, Question.of(mine.iterator().next(),
                    java.util.Map.of(mmapbench.param.Parameter.ACCESS.name, a.name())).orElseThrow()));
        }
    }

    @Test
    void everyBenchmarkInTheJarIsAFileQuestionOrTheIpcBenchmarkOrATailOne() {
        for (String b : benchmarks()) {
            boolean ipc = b.startsWith(SharedMemoryPingPongBenchmark.class.getName() + ".");
            // The tail's rows time single operations: the report must never file them with the averages.
            boolean tail = b.startsWith("mmapbench.tail.");
            // The stall benchmark asks what a read costs the rest of the JVM, not which API is faster: no verdict question.
            boolean stall = b.startsWith(mmapbench.stall.JvmStallBenchmark.class.getName() + ".");
            assertEquals(!ipc && !tail && !stall, Question.ofBenchmark(b).isPresent(), b);
        }
    }

    @Test
    void labelsAreTheClassNamesWithoutBenchmark() {
        assertEquals("RandomRead", Question.RANDOM_READ.label());
        assertEquals("ShortLivedRead", Question.SHORT_LIVED_READ.label());
    }

    /** java -jar measures a resident file's rows as run-bench.sh does: the class's default count is the profiles'. */
    @Test
    void aClassesDefaultOperationCountIsItsQuestionsFromAResidentFile() throws Exception {
        for (Question q : Question.values()) {
            long count = q.opsPerIteration(mmapbench.fixture.CacheState.WARM);
            if (count == 0) {
                assertEquals(java.util.Optional.empty(), java.util.Arrays.stream(q.benchmark.getFields())
                        .filter(f -> f.getName().equals("ops")).findFirst(), q + " counts no operations");
                continue;
            }
            String[] defaults = q.benchmark.getField("ops").getAnnotation(org.openjdk.jmh.annotations.Param.class).value();
            assertEquals(List.of(String.valueOf(count)), List.of(defaults), q + "'s @Param ops");
        }
    }

    @Test
    void aSequentialClassesDefaultBytesAreItsQuestionsForAFileOfAGibOrMore() throws Exception {
        for (Question q : List.of(Question.SEQUENTIAL_READ, Question.SEQUENTIAL_WRITE)) {
            String[] defaults = q.benchmark.getField("bytes").getAnnotation(org.openjdk.jmh.annotations.Param.class).value();
            assertEquals(List.of(String.valueOf(q.bytesPerIteration(4L << 30))), List.of(defaults), q + "'s @Param bytes");
            assertEquals(8L << 20, q.bytesPerIteration(8L << 20), "a smaller file: the whole of it");
        }
    }
}
