package mmapbench.tail;

import mmapbench.file.Question;
import mmapbench.file.SharedFixture;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The file benchmarks' shared fixture (the data file, the cache state set once per iteration for
 * all threads, the memory cgroup), for the tail's classes: the same file and the same states as
 * the average rows they are read beside, by composition of the very same code.
 */
@State(Scope.Benchmark)
public class TailFixture extends SharedFixture {

    @Override
    protected Question question(BenchmarkParams params) {
        return Question.RANDOM_READ;
    }
}
