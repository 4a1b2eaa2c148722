package mmapbench.tail;

import mmapbench.file.Api;
import mmapbench.file.Blocks;
import mmapbench.file.Handles;
import mmapbench.fixture.CacheState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Random reads, one at a time: how slow are the slow ones, API by API?
 *
 * <p>One operation is {@code RandomReadBenchmark}'s independent read: {@code blockSize} bytes at
 * the next of the same seeded, block-aligned offsets, into a reused {@code byte[]} (a reused
 * direct buffer for {@code fileChannel}), over the same data file in the same {@code cache}
 * state, set up by the same fixture before every iteration. What differs is that each read is
 * timed on its own ({@code System.nanoTime()} before and after) into a preallocated HdrHistogram;
 * {@link TailProfiler} publishes the fork's percentiles. JMH's own score for these rows is not
 * the average rows' (it includes two clock reads a read) and the report does not use it.
 *
 * <p>The distribution depends on the cache state above all: from a resident file a read is a
 * copy (and, fresh mapped, sometimes a fault); from a COLD one a mapped read that faults reads
 * around its page as far as the device's read-around (megabytes), a {@code pread} reads its
 * block; larger than memory ({@code memoryLimit}) every miss also evicts. An iteration is a
 * single call of {@code ops} reads right after the state was set, as in the average rows, so the
 * percentiles are those of "the first {@code ops} reads after the state was set up", whatever
 * JMH's iteration length; a fork pools its measurement iterations: 6 × 128 = 768 reads of a
 * cold file, enough for p99, not for p99.9 (which needs some 5000 reads a fork, 40 evicted calls:
 * the report says which percentiles a row reached). From a resident file a call is 65536 reads,
 * and every percentile is reached.
 *
 * <p>Named so that a user's {@code RandomRead} pattern, which picks the average rows, does not pick it too.
 *
 * <p>Run: {@code ./run-bench.sh -- ReadTail -p cache=COLD -p ops=128} (the {@code IoProfiler} the launcher turns on
 * publishes the percentiles; by hand, {@code -prof mmapbench.tail.TailProfiler}).
 */
public class ReadTailBenchmark extends TailBenchmark {

    /** Where the file's pages are when an iteration starts. */
    @Param
    public CacheState cache;

    /** Reads one iteration times, each on its own; 128 from a cold file, 4 times the average rows' 32 (the profiles' {@code TailLegs.COLD_READS}). */
    @Param("128")
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

    /** Fresh handles on the file the shared state just put in its cache state (its setup runs first). */
    @Setup(Level.Iteration)
    public void openHandles(BenchmarkParams params, TailFixture shared) throws IOException {
        handles = fixture.open(Api.of(params), cache, advice);
    }

    // Each method reads the offset before the clock starts, and records after it stops: the time is the read alone.

    @Benchmark
    public long mappedBuffer() {
        long sum = 0;
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            Blocks.get(handles.buffers(), offset, block, blockSize);
            times.record(System.nanoTime() - start);
            sum += Blocks.firstWord(block);
        }
        return sum;
    }

    @Benchmark
    public long memorySegment() {
        long sum = 0;
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            MemorySegment.copy(handles.segment(), ValueLayout.JAVA_BYTE, offset, block, 0, blockSize);
            times.record(System.nanoTime() - start);
            sum += Blocks.firstWord(block);
        }
        return sum;
    }

    @Benchmark
    public long randomAccessFile() throws IOException {
        long sum = 0;
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            handles.randomAccessFile().seek(offset);
            handles.randomAccessFile().readFully(block, 0, blockSize);
            times.record(System.nanoTime() - start);
            sum += Blocks.firstWord(block);
        }
        return sum;
    }

    @Benchmark
    public long fileChannel() throws IOException {
        return readThroughChannel();
    }

    /** {@link #fileChannel} again: its tail ratio against {@code fileChannel} must come out at 1x, the tail's noise floor. */
    @Benchmark
    public long fileChannelControl() throws IOException {
        return readThroughChannel();
    }

    private long readThroughChannel() throws IOException {
        long sum = 0;
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            Blocks.readFully(handles.channel(), direct, offset);
            times.record(System.nanoTime() - start);
            sum += direct.getLong(0);
        }
        return sum;
    }

    @Benchmark
    public long bufferedStream() throws IOException {
        long sum = 0;
        for (int i = 0; i < ops; i++) {
            long offset = offsets[i];
            long start = System.nanoTime();
            handles.inputStream().seek(offset);
            if (handles.inputStream().readNBytes(block, 0, blockSize) != blockSize) {
                throw new IOException("end of file");
            }
            times.record(System.nanoTime() - start);
            sum += Blocks.firstWord(block);
        }
        return sum;
    }
}
