package mmapbench.file;

import mmapbench.fixture.CacheState;
import mmapbench.fixture.Folios;
import mmapbench.profile.IoCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No row's figure per operation depends on how long JMH's iteration is: every file class counts
 * its operations instead of timing them (single-shot iterations of {@code ops}, or of
 * {@code bytes} for the sequential classes, a parameter either way). What remains to show is that
 * a sequential pass is steady once past the file's front, so that the count matters only as far
 * as it says: what one block costs the kernel (faults, pages dirtied) is the same over N blocks
 * as over 4N.
 */
@ExtendWith(TempDataDir.class)
class IterationLengthTest {

    static final long FILE_SIZE = 128L << 20;
    static final int BLOCK = 65536;

    @ParameterizedTest
    @EnumSource(Question.class)
    void everyClassCountsItsOperationsAndIsTimedSingleShot(Question q) throws Exception {
        Mode[] modes = FileBenchmark.class.getAnnotation(BenchmarkMode.class).value();
        assertEquals(null, q.benchmark.getDeclaredAnnotation(BenchmarkMode.class), q + " measures as every file class does");
        assertArrayEquals(new Mode[]{Mode.SingleShotTime}, modes, q.toString());
        // The count is a parameter: operations for the random classes, bytes for the sequential ones.
        String count = q.random ? "ops" : "bytes";
        assertTrue(q.benchmark.getField(count).isAnnotationPresent(org.openjdk.jmh.annotations.Param.class),
                q + " has no @Param " + count);
    }

    /**
     * Faults per block of a WARM mapped front-to-back read of a fresh mapping, over {@code blocks}
     * blocks after the first {@code skip}.
     */
    private static double sequentialFaultsPerBlock(Folios folios, int skip, int blocks) throws Exception {
        SequentialReadBenchmark b = new SequentialReadBenchmark();
        b.blockSize = BLOCK;
        b.fileSize = FILE_SIZE;
        b.cache = CacheState.WARM;
        b.folios = folios;
        b.setUpWithoutJmh();
        b.beginIteration(Api.MEMORY_SEGMENT);
        try {
            for (int i = 0; i < skip; i++) {
                b.memorySegment();
            }
            long before = threadFaults();
            for (int i = 0; i < blocks; i++) {
                b.memorySegment();
            }
            return (double) (threadFaults() - before) / blocks;
        } finally {
            b.closeHandles();
        }
    }

    /**
     * Past the file's first 64 MiB a block costs as many faults as any other. The first tens of
     * MiB of a file loaded front to back sit in smaller folios than the rest (readahead, and with
     * it the size of the folios it allocates, grows as it goes), so they fault more: a small share
     * of an iteration that reads gigabytes, but on a small file it would swamp the count.
     */
    @ParameterizedTest
    @EnumSource(Folios.class)
    void aSequentialReadFaultsAsOftenPerBlockOverNBlocksAsOver4N(Folios folios) throws Exception {
        sequentialFaultsPerBlock(folios, 0, 64);
        double n = sequentialFaultsPerBlock(folios, 1024, 128);
        double fourN = sequentialFaultsPerBlock(folios, 1024, 512);
        System.out.printf("WARM mapped 64 KiB sequential reads, %s folios: %.3f faults per block over 128 blocks,"
                + " %.3f over 512 (after the first 1024)%n", folios, n, fourN);
        assertTrue(fourN > 0, "a fresh mapping read front to back must fault, or this proves nothing");
        assertEquals(n, fourN, 0.15 * n + 0.01, "faults per block over 128 and 512 blocks");
    }

    /** Bytes dirtied per block by WARM mapped front-to-back writes over {@code blocks} blocks. */
    private static double sequentialDirtiedPerBlock(int blocks) throws Exception {
        SequentialWriteBenchmark b = new SequentialWriteBenchmark();
        b.blockSize = BLOCK;
        b.fileSize = FILE_SIZE;
        b.cache = CacheState.WARM;
        b.folios = Folios.SMALL;
        b.setUpWithoutJmh();
        b.beginIteration(Api.MEMORY_SEGMENT);
        try {
            IoCounters.Snapshot before = IoCounters.read(true);
            for (int i = 0; i < blocks; i++) {
                b.memorySegment();
            }
            return (double) (IoCounters.read(true).dirtiedBytes() - before.dirtiedBytes()) / blocks;
        } finally {
            b.closeHandles();
        }
    }

    @Test
    void aSequentialWriteDirtiesAsMuchPerBlockOverNBlocksAsOver4N() throws Exception {
        sequentialDirtiedPerBlock(64);
        double n = sequentialDirtiedPerBlock(128);
        double fourN = sequentialDirtiedPerBlock(512);
        System.out.printf("WARM mapped 64 KiB sequential writes, 4 KiB folios: %.0f B dirtied per block over 128 blocks,"
                + " %.0f over 512%n", n, fourN);
        assertEquals(BLOCK, fourN, 0.15 * BLOCK, "a block's write dirties its own pages, once");
        assertEquals(n, fourN, 0.15 * n, "bytes dirtied per block over 128 and 512 blocks");
    }

    private static final java.nio.ByteBuffer STAT = java.nio.ByteBuffer.allocateDirect(4096);

    /**
     * This thread's minor and major faults so far: fields 10 and 12 of proc(5)'s stat. Read into a
     * buffer made once, so that reading the count does not touch new memory and fault itself.
     */
    static long threadFaults() throws Exception {
        STAT.clear();
        try (var ch = java.nio.channels.FileChannel.open(Path.of("/proc/thread-self/stat"))) {
            while (ch.read(STAT) > 0) {
                // A proc file is read until it says it has no more.
            }
        }
        String stat = java.nio.charset.StandardCharsets.US_ASCII.decode(STAT.flip()).toString();
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[7]) + Long.parseLong(f[9]);
    }
}
