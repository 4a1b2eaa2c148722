package mmapbench.file;

import mmapbench.fixture.Advice;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.DataFile;
import mmapbench.profile.IoCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;


import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counters IoProfiler reports see what a cache state means: faults for WARM mapped reads, none for HOT. */
@ExtendWith(TempDataDir.class)
class IoEvidenceTest {

    static final long FILE_SIZE = 32L << 20;
    static final int OPS = 4096;

    private static long faults(CacheState cache) throws Exception {
        RandomReadBenchmark b = new RandomReadBenchmark();
        b.blockSize = 4096;
        b.fileSize = FILE_SIZE;
        b.cache = cache;
        b.setUpWithoutJmh();
        // One iteration first, so that the JIT's own page faults are done before the counted one.
        b.beginIteration(Api.MEMORY_SEGMENT);
        for (int i = 0; i < OPS; i++) {
            b.memorySegment();
        }
        b.closeHandles();
        b.beginIteration(Api.MEMORY_SEGMENT);
        try {
            IoCounters.Snapshot before = IoCounters.read(true);
            for (int i = 0; i < OPS; i++) {
                b.memorySegment();
            }
            IoCounters.Snapshot after = IoCounters.read(true);
            return after.minorFaults() + after.majorFaults() - before.minorFaults() - before.majorFaults();
        } finally {
            b.closeHandles();
        }
    }

    /** Bytes read from the device by a few COLD mapped 4 KiB reads of a fresh mapping with this advice. */
    private static long coldDeviceBytes(Advice advice) throws Exception {
        RandomReadBenchmark b = new RandomReadBenchmark();
        b.blockSize = 4096;
        b.fileSize = FILE_SIZE;
        b.cache = CacheState.COLD;
        b.advice = advice;
        b.setUpWithoutJmh();
        b.beginIteration(Api.MEMORY_SEGMENT);
        try {
            IoCounters.Snapshot before = IoCounters.read(true);
            for (int i = 0; i < 16; i++) {
                b.memorySegment();
            }
            return IoCounters.read(true).readBytes() - before.readBytes();
        } finally {
            b.closeHandles();
        }
    }

    @Test
    void madviseRandomReachesTheMapping() throws Exception {
        long normal = coldDeviceBytes(Advice.NORMAL);
        long random = coldDeviceBytes(Advice.RANDOM);
        System.out.printf("device bytes for 16 COLD mapped 4 KiB reads: NORMAL %d, RANDOM %d%n", normal, random);
        // RANDOM turns off read-around: a page, give or take, per fault. NORMAL reads around each
        // fault as far as the device's read_ahead_kb (8 MiB here; 128 KiB on most disks).
        assertTrue(random <= 16 * 16 * 4096L, "RANDOM read " + random + " bytes for 16 pages");
        assertTrue(normal > 4 * random, "NORMAL read " + normal + " bytes, RANDOM " + random);
    }

    @Test
    void warmMappedReadsFaultAndHotOnesDoNot() throws Exception {
        long warm = faults(CacheState.WARM);
        long hot = faults(CacheState.HOT);
        // WARM: a fresh mapping faults on first touch (per 4 KiB page, or per 2 MiB where the kernel
        // maps large folios whole). HOT: pre-faulted, so only the JVM's own odd fault is left.
        System.out.printf("faults in %d mapped 4 KiB reads of a fresh mapping: WARM %d, HOT %d%n", OPS, warm, hot);
        assertTrue(warm > 0, "WARM: a fresh mapping must fault: " + warm);
        assertTrue(hot < warm, "HOT: the mapping was pre-faulted, yet " + hot + " faults against WARM's " + warm);
    }

    @Test
    void theSleepsAreTheBenchmarkThreadsOwn() throws Exception {
        long before = IoCounters.read(true).sleeps();
        for (int i = 0; i < 5; i++) {
            Thread.sleep(5);
        }
        long slept = IoCounters.read(true).sleeps() - before;
        assertTrue(slept >= 5, "5 sleeps of this thread counted as " + slept);
        // Made before counting: linking the lambda may read classes from disk, and wait for it.
        Thread other = new Thread(() -> {
            for (int i = 0; i < 40; i++) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        before = IoCounters.read(true).sleeps();
        other.start();
        other.join();
        long others = IoCounters.read(true).sleeps() - before;
        // Waiting in join is a few sleeps of this thread (up to 5 seen); the other
        // thread's 40 are not ours.
        assertTrue(others < 20, "another thread's sleeps counted: " + others);
    }

    @Test
    void aColdReadShowsOnTheDisksOwnCounters() throws Exception {
        java.nio.file.Path file = DataFile.ensure(DataFile.dataDir(), DataFile.Kind.READ, FILE_SIZE,
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        CacheState.COLD.establish(file);
        IoCounters.Snapshot before = IoCounters.read(true);
        org.junit.jupiter.api.Assumptions.assumeTrue(before.diskReadBytes() >= 0, "no block device statistics here");
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(1 << 20);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            for (long pos = 0; pos < FILE_SIZE; pos += buf.capacity()) {
                buf.clear();
                ch.read(buf, pos);
            }
        }
        IoCounters.Snapshot after = IoCounters.read(true);
        long disk = after.diskReadBytes() - before.diskReadBytes();
        long mine = after.readBytes() - before.readBytes();
        assertTrue(mine >= FILE_SIZE * 9 / 10, "the process read " + mine + " B from storage for a COLD file");
        // The device's own counter covers every process: at least what this one read.
        assertTrue(disk >= mine * 9 / 10, "the disk counted " + disk + " B, the process " + mine + " B");
    }

    /**
     * Two threads, two fixtures, one window: the second thread's opening must not close the first
     * one's window. (It did, and a COLD read of a small file, done whole by the first thread's
     * readahead before the second thread started, showed as no read at all.)
     */
    @Test
    void theWindowRunsFromTheFirstStartToTheLastEnd() throws Exception {
        java.nio.file.Path file = DataFile.ensure(DataFile.dataDir(), DataFile.Kind.READ, FILE_SIZE,
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        IoCounters.enable();
        FileFixture first = FileFixture.of(file, false);
        FileFixture second = FileFixture.of(file, false);
        try {
            FileFixture.establish(file, false, CacheState.COLD, mmapbench.fixture.Folios.LARGE);
            java.lang.foreign.MemorySegment segment = first.open(Api.MEMORY_SEGMENT, CacheState.COLD, Advice.NORMAL).segment();
            long sum = 0;
            for (long pos = 0; pos < FILE_SIZE; pos += 4096) {
                sum += segment.get(java.lang.foreign.ValueLayout.JAVA_BYTE, pos);
            }
            second.open(Api.FILE_CHANNEL, CacheState.COLD, Advice.NORMAL);
            first.close();
            second.close();
            IoCounters.Snapshot window = IoCounters.takeWindow();
            assertTrue(window != null, "no window");
            assertTrue(window.readBytes() >= FILE_SIZE * 9 / 10,
                    "the window saw " + window.readBytes() + " B read of a COLD " + FILE_SIZE + " B file (sum " + sum + ")");
        } finally {
            first.close();
            second.close();
        }
    }
}
