package mmapbench.file;

import mmapbench.fixture.CacheState;
import mmapbench.fixture.DataFile;
import mmapbench.fixture.Folios;
import mmapbench.fixture.ReadAround;
import mmapbench.profile.IoCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a row's name promises, proven by its evidence on a small file: a WARM iteration of
 * {@code ops} mapped reads shares a fresh mapping's faults as the count predicts (the count, not
 * the clock, sets the figure); a COLD mapped read reads as far around as the read-around in force;
 * a write has no HOT.
 */
@ExtendWith(TempDataDir.class)
class RowDefinitionsTest {

    static final long FILE_SIZE = 64L << 20;
    /** What one read fault maps of a resident file: the kernel's fault_around_bytes (64 KiB unless changed). */
    static final long FAULT_AROUND = 64 << 10;

    /**
     * Faults per read of one WARM iteration of {@code ops} mapped 4 KiB reads, in 4 KiB folios: the
     * iteration's faults less those of the same iteration with no read (the JVM's own, while it
     * reads its counters), so that what is left is the mapping's. Each the least of a few tries,
     * after a few untimed ones: the JIT's own faults come and go.
     */
    private static double warmFaultsPerRead(int ops) throws Exception {
        RandomReadBenchmark reads = reader(ops);
        RandomReadBenchmark none = reader(0);
        for (int i = 0; i < 3; i++) {
            faults(reads);
            faults(none);
        }
        long least = Long.MAX_VALUE;
        long baseline = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            least = Math.min(least, faults(reads));
            baseline = Math.min(baseline, faults(none));
        }
        return (double) (least - baseline) / ops;
    }

    private static RandomReadBenchmark reader(int ops) throws Exception {
        RandomReadBenchmark b = new RandomReadBenchmark();
        b.blockSize = 4096;
        b.fileSize = FILE_SIZE;
        b.cache = CacheState.WARM;
        b.folios = Folios.SMALL;
        // The baseline reads nothing: a count the benchmark refuses, so it is set after its checks.
        b.ops = Math.max(1, ops);
        b.setUpWithoutJmh();
        b.ops = ops;
        return b;
    }

    /**
     * The faults of one iteration: a fresh mapping, then one call of {@code b.ops} reads. This
     * thread's own (/proc/thread-self/stat), so that the JIT's and the collector's threads, which
     * fault as they please, do not count.
     */
    private static long faults(RandomReadBenchmark b) throws Exception {
        b.beginIteration(Api.MEMORY_SEGMENT);
        try {
            long before = threadFaults();
            b.memorySegment();
            return threadFaults() - before;
        } finally {
            b.closeHandles();
        }
    }

    private static long threadFaults() throws Exception {
        return IterationLengthTest.threadFaults();
    }

    /**
     * N reads at uniform random places of a file of W fault-around windows fault once per window
     * they touch: W(1 - e^(-N/W)) faults, so (W/N)(1 - e^(-N/W)) per read. The figure is set by N,
     * which is why N is a parameter and not whatever fits in the clock's iteration.
     */
    @ParameterizedTest(name = "{0} reads")
    @ValueSource(ints = {256, 1024, 8192})
    void aWarmIterationSharesTheFreshMappingsFaultsAsItsCountPredicts(int ops) throws Exception {
        double windows = (double) FILE_SIZE / FAULT_AROUND;
        double predicted = windows / ops * (1 - Math.exp(-ops / windows));
        double measured = warmFaultsPerRead(ops);
        System.out.printf("WARM, 4 KiB folios, %d mapped reads of a fresh mapping: %.3f faults per read (predicted %.3f)%n",
                ops, measured, predicted);
        assertEquals(predicted, measured, 0.15 * predicted, "faults per read of " + ops + " WARM reads");
    }

    /** Bytes the device read per COLD mapped 4 KiB read of a fresh mapping, the read-around set to {@code kb}. */
    private static double coldBytesPerRead(int kb, int reads) throws Exception {
        RandomReadBenchmark b = new RandomReadBenchmark();
        b.blockSize = 4096;
        b.fileSize = FILE_SIZE;
        b.cache = CacheState.COLD;
        b.ops = reads;
        b.setUpWithoutJmh();
        try (ReadAround.Restore ignored = new ReadAround(kb).apply(DataFile.dataDir())) {
            b.beginIteration(Api.MEMORY_SEGMENT);
            try {
                IoCounters.Snapshot before = IoCounters.read(true);
                b.memorySegment();
                return (double) (IoCounters.read(true).readBytes() - before.readBytes()) / reads;
            } finally {
                b.closeHandles();
            }
        }
    }

    @Test
    void aColdMappedReadReadsAsFarAroundAsTheDeviceIsSet() throws Exception {
        var file = ReadAround.queueFile(DataFile.dataDir());
        assumeTrue(file != null && Files.isWritable(file), "setting read_ahead_kb needs root");
        // Few reads of a 64 MiB file, so that they seldom land where an earlier one read around.
        double small = coldBytesPerRead(128, 8);
        double large = coldBytesPerRead(2048, 8);
        System.out.printf("COLD mapped 4 KiB reads: %.0f B per read at 128 KiB read-around, %.0f B at 2048 KiB%n",
                small, large);
        assertEquals(128 << 10, small, 0.5 * (128 << 10), "bytes per COLD read at 128 KiB");
        assertEquals(2048 << 10, large, 0.5 * (2048 << 10), "bytes per COLD read at 2048 KiB");
    }

    @ParameterizedTest
    @ValueSource(classes = {RandomWriteBenchmark.class, SequentialWriteBenchmark.class, ShortLivedReadBenchmark.class})
    void aClassWithoutHotRefusesItInOneLine(Class<? extends FileBenchmark> cls) throws Exception {
        FileBenchmark b = cls.getDeclaredConstructor().newInstance();
        b.fileSize = FILE_SIZE;
        cls.getField("blockSize").setInt(b, 4096);
        cls.getField("cache").set(b, CacheState.HOT);
        String message = assertThrows(IllegalArgumentException.class, b::checkParams).getMessage();
        assertTrue(message.startsWith("-p cache=HOT: ") && message.endsWith("; use -p cache=WARM"), message);
    }
}
