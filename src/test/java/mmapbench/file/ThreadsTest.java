package mmapbench.file;

import mmapbench.fixture.Content;
import mmapbench.fixture.DataFile;
import mmapbench.fixture.Offsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * With JMH's {@code -t 2}, every read API reads the right bytes on every thread, each thread at
 * its own offsets. In-process ({@code forks(0)}) so that the benchmark's test hook reaches here.
 */
@ExtendWith(TempDataDir.class)
class ThreadsTest {

    static final long FILE_SIZE = 8L << 20;
    static final int BLOCK = 4096;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyThreadReadsTheFilesBytesAtItsOwnOffsets() throws Exception {
        Map<String, List<String>> wrong = new ConcurrentHashMap<>();
        Map<Integer, Integer> checked = new ConcurrentHashMap<>();
        RandomReadBenchmark.lastReadHook = (thread, offset, block) -> {
            byte[] got = new byte[BLOCK];
            block.duplicate().clear().get(got);
            checked.merge(thread, 1, Integer::sum);
            if (!Arrays.equals(Content.bytes(DataFile.Kind.READ.seed, offset, BLOCK), got)) {
                wrong.computeIfAbsent("thread " + thread, k -> new ArrayList<>()).add("offset " + offset);
            }
        };
        try {
            new Runner(new OptionsBuilder()
                    .include("\\.RandomReadBenchmark\\.")
                    .param("fileSize", String.valueOf(FILE_SIZE))
                    .param("blockSize", String.valueOf(BLOCK))
                    .param("cache", "WARM", "COLD")
                    .threads(2)
                    .forks(0)
                    .warmupIterations(0)
                    .measurementIterations(2)
                    .measurementTime(TimeValue.milliseconds(50))
                    .shouldFailOnError(true)
                    .verbosity(VerboseMode.SILENT)
                    .build()).run();
        } finally {
            RandomReadBenchmark.lastReadHook = null;
        }
        assertEquals(Map.of(), new TreeMap<>(wrong), "threads read other bytes than the file holds");
        // 6 methods x 2 access patterns x 2 cache states x 2 iterations, on each of the two threads.
        int iterations = 6 * 2 * 2 * 2;
        assertEquals(Map.of(0, iterations, 1, iterations), checked);
        // Thread 0 keeps the single-thread offsets; thread 1 has its own.
        assertArrayEquals(Offsets.random(FILE_SIZE, BLOCK), Offsets.random(FILE_SIZE, BLOCK, 0));
        assertFalse(Arrays.equals(Offsets.random(FILE_SIZE, BLOCK, 0), Offsets.random(FILE_SIZE, BLOCK, 1)));
    }
}
