package mmapbench.tail;

import mmapbench.file.Api;
import mmapbench.file.Blocks;
import mmapbench.file.Handles;
import mmapbench.file.RandomWriteBenchmark;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Content;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Random writes, one at a time: how slow are the slow ones, API by API?
 *
 * <p>One operation is {@code RandomWriteBenchmark}'s write: {@code blockSize} bytes of the same
 * seeded pattern ({@link RandomWriteBenchmark#PATTERN_SEED}, made at trial setup) at the next of
 * the same seeded, block-aligned offsets, over the same scratch file, in the same {@code cache}
 * state (WARM: resident, written back, the mapping new; COLD: written back and evicted; no HOT,
 * for the reason that class gives), set up by the same fixture before every iteration. What
 * differs is that each write is timed on its own ({@code System.nanoTime()} before and after)
 * into a preallocated HdrHistogram; {@link TailProfiler} publishes the fork's percentiles.
 *
 * <p>The distribution depends on the cache state and on what a write dirties: from WARM a write
 * that is the first to its page faults (mapped) or marks the page dirty (the others); from COLD a
 * write of less than a page, and every mapped write, reads its page from the device first. The
 * buffered stream's seek writes out the block it buffered before, so its slow writes are the
 * previous block's. Writes land in the page cache; the next iteration's setup writes them back,
 * so no write-back of this iteration's pages runs while it is timed (the kernel may still start
 * one of its own when the dirty pages pass its threshold: that is part of the tail). An
 * iteration is one call of {@code ops} writes right after the state was set, as in the average
 * rows: 128 from a cold file (768 a fork: p99), 16384 from a resident one (every percentile).
 *
 * <p>Named so that a user's {@code RandomWrite} pattern, which picks the average rows, does not pick it too.
 *
 * <p>Run: {@code ./run-bench.sh -- WriteTail -p cache=COLD -p ops=128} (the {@code IoProfiler}
 * the launcher turns on publishes the percentiles; by hand, {@code -prof mmapbench.tail.TailProfiler}).
 */
public class WriteTailBenchmark extends TailBenchmark {

    /** Where the file's pages are when an iteration starts: not HOT, as in the average rows. */
    @Param({"WARM", "COLD"})
    public CacheState cache;

    /** Writes one iteration times, each on its own; 16384 from a resident file, as the average rows. */
    @Param("16384")
    public int ops = 1;

    private Handles handles;

    @Override
    CacheState cache() {
        return cache;
    }

    @Override
    int ops() {
        return ops;
    }

    @Override
    String noHot() {
        return RandomWriteBenchmark.WRITES_HAVE_NO_HOT;
    }

    @Override
    boolean writes() {
        return true;
    }

    /** The average rows' pattern, so that a tail write puts down what theirs does. */
    @Override
    byte[] newBlock() {
        return Content.bytes(RandomWriteBenchmark.PATTERN_SEED, 0, blockSize);
    }

    /** Fresh writable handles on the file the shared state just put in its cache state (its setup runs first). */
    @Setup(Level.Iteration)
    public void openHandles(BenchmarkParams params, TailFixture shared) throws IOException {
        openHandles(Api.of(params));
    }

    void openHandles(Api api) throws IOException {
        handles = fixture.open(api, cache, advice);
    }

    // Each method reads the offset before the clock starts, and records after it stops: the time is the write alone.

    @Benchmark
    public void mappedBuffer() {
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            Blocks.put(handles.buffers(), offset, block, blockSize);
            times.record(System.nanoTime() - start);
        }
    }

    @Benchmark
    public void memorySegment() {
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            MemorySegment.copy(block, 0, handles.segment(), ValueLayout.JAVA_BYTE, offset, blockSize);
            times.record(System.nanoTime() - start);
        }
    }

    @Benchmark
    public void randomAccessFile() throws IOException {
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            handles.randomAccessFile().seek(offset);
            handles.randomAccessFile().write(block, 0, blockSize);
            times.record(System.nanoTime() - start);
        }
    }

    @Benchmark
    public void fileChannel() throws IOException {
        writeThroughChannel();
    }

    /** {@link #fileChannel} again: its tail ratio against {@code fileChannel} must come out at 1x, the tail's noise floor. */
    @Benchmark
    public void fileChannelControl() throws IOException {
        writeThroughChannel();
    }

    private void writeThroughChannel() throws IOException {
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            Blocks.writeFully(handles.channel(), direct, offset);
            times.record(System.nanoTime() - start);
        }
    }

    @Benchmark
    public void bufferedStream() throws IOException {
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            handles.outputStream().seek(offset);
            handles.outputStream().write(block, 0, blockSize);
            times.record(System.nanoTime() - start);
        }
    }

    /** The bytes every write puts down, for tests. */
    byte[] pattern() {
        return block;
    }
}
