package mmapbench.file;

import mmapbench.fixture.CacheState;
import mmapbench.fixture.Content;
import mmapbench.fixture.DataFile;
import mmapbench.fixture.Offsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Two threads reading at once, as JMH's {@code -t 2} runs them: every read API reads the file's
 * bytes on every thread, each thread at its own offsets, through its own handles on one file that
 * one thread put in its cache state. (That JMH itself runs every random benchmark on two threads
 * is {@code JmhSmokeTest}'s.)
 */
@ExtendWith(TempDataDir.class)
class ThreadsTest {

    static final long FILE_SIZE = 8L << 20;
    static final int BLOCK = 4096;
    static final int READS = 2000;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyThreadReadsTheFilesBytesAtItsOwnOffsets() throws Exception {
        List<String> wrong = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (CacheState cache : List.of(CacheState.WARM, CacheState.COLD)) {
                for (Access access : Access.values()) {
                    for (Api api : Api.values()) {
                        RandomReadBenchmark[] threads = {reader(cache, access, 0), reader(cache, access, 1)};
                        threads[0].beginIteration(api);
                        threads[1].openHandles(api);
                        try {
                            List<Future<String>> results = new ArrayList<>();
                            for (int t = 0; t < threads.length; t++) {
                                int thread = t;
                                results.add(pool.submit(() -> readAndCheck(threads[thread], thread, api)));
                            }
                            for (Future<String> r : results) {
                                if (!r.get().isEmpty()) {
                                    wrong.add(cache + " " + access + " " + api + ": " + r.get());
                                }
                            }
                        } finally {
                            threads[0].closeHandles();
                            threads[1].closeHandles();
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), wrong, "threads read other bytes than the file holds");
        // Thread 0 keeps the single-thread offsets; thread 1 has its own.
        assertArrayEquals(Offsets.random(FILE_SIZE, BLOCK), Offsets.random(FILE_SIZE, BLOCK, 0));
        assertFalse(Arrays.equals(Offsets.random(FILE_SIZE, BLOCK, 0), Offsets.random(FILE_SIZE, BLOCK, 1)));
    }

    private static RandomReadBenchmark reader(CacheState cache, Access access, int thread) throws Exception {
        RandomReadBenchmark b = new RandomReadBenchmark();
        b.blockSize = BLOCK;
        b.fileSize = FILE_SIZE;
        b.cache = cache;
        b.access = access;
        b.setUpWithoutJmh(thread);
        return b;
    }

    /** The first wrong read of {@code thread}, or "": read i must be the file's bytes at the thread's offset i. */
    private static String readAndCheck(RandomReadBenchmark b, int thread, Api api) throws Exception {
        long[] offsets = Offsets.random(FILE_SIZE, BLOCK, thread);
        byte[] got = new byte[BLOCK];
        for (int i = 0; i < READS; i++) {
            Invoke.op(b, api);
            ByteBuffer block = b.lastBlock(api);
            block.duplicate().clear().get(got);
            long offset = offsets[i & (offsets.length - 1)];
            if (!Arrays.equals(Content.bytes(DataFile.Kind.READ.seed, offset, BLOCK), got)) {
                return "thread " + thread + ", read " + i + " at offset " + offset;
            }
        }
        return "";
    }
}
