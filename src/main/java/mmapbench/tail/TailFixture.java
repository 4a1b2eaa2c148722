package mmapbench.tail;

import mmapbench.file.Question;
import mmapbench.file.SharedFixture;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Map;
import java.util.Optional;

/**
 * The file benchmarks' shared fixture (the data file, the cache state set once per iteration for
 * all threads, the memory cgroup), for the tail's classes: the same file and the same states as
 * the average rows they are read beside, by composition of the very same code. Each tail class
 * times the operations of one question's class, whose data file (the scratch file for writes,
 * written back before every resident iteration) it therefore runs on.
 */
@State(Scope.Benchmark)
public class TailFixture extends SharedFixture {

    /** Each tail class and the question whose operations it times one by one. */
    static final Map<Class<?>, Question> TIMES_OPERATIONS_OF = Map.of(
            ReadTailBenchmark.class, Question.RANDOM_READ,
            WriteTailBenchmark.class, Question.RANDOM_WRITE,
            OpenReadCloseTailBenchmark.class, Question.SHORT_LIVED_READ);

    @Override
    protected Question question(BenchmarkParams params) {
        return questionOf(params.getBenchmark()).orElseThrow(
                () -> new IllegalStateException(params.getBenchmark() + " is not a tail benchmark of a file question"));
    }

    /** The question whose operations the tail benchmark {@code benchmark} (class.method) times, if it is one. */
    public static Optional<Question> questionOf(String benchmark) {
        String cls = benchmark.substring(0, Math.max(0, benchmark.lastIndexOf('.')));
        return TIMES_OPERATIONS_OF.entrySet().stream().filter(e -> e.getKey().getName().equals(cls))
                .map(Map.Entry::getValue).findFirst();
    }
}
