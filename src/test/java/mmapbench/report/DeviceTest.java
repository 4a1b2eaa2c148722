package mmapbench.report;

import mmapbench.file.Question;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report says how fast the device went, and flags speeds that no local disk reaches. */
class DeviceTest {

    private static List<List<Double>> nanos(double ns) {
        return List.of(List.of(ns, ns), List.of(ns, ns));
    }

    private static List<Row> rows(double coldReadNanosPerMiB, double forcedNanosPer256MiB) {
        return List.of(
                Synthetic.row(Question.SEQUENTIAL_READ, "fileChannel", 1 << 20, "COLD", nanos(coldReadNanosPerMiB)),
                // Slower rows and rows of other variants never set the figure.
                Synthetic.row(Question.SEQUENTIAL_READ, "memorySegment", 1 << 20, "COLD", nanos(coldReadNanosPerMiB * 2)),
                Synthetic.row(Question.SEQUENTIAL_READ, "memorySegment", 1 << 20, "COLD", Map.of("advice", "SEQUENTIAL"), 1,
                        nanos(coldReadNanosPerMiB / 100)),
                Synthetic.row(Question.SEQUENTIAL_READ, "fileChannel", 1 << 20, "WARM", nanos(coldReadNanosPerMiB / 100)),
                Synthetic.row(Question.SEQUENTIAL_WRITE, "fileChannel", 1 << 20, "WARM",
                        Map.of("forceEvery", String.valueOf(256L << 20)), 1, nanos(forcedNanosPer256MiB)),
                Synthetic.row(Question.SEQUENTIAL_WRITE, "fileChannel", 1 << 20, "WARM", Map.of("forceEvery", "0"), 1,
                        nanos(forcedNanosPer256MiB / 1e6)));
    }

    @Test
    void aVirtualDiskFasterThanAnySsdIsFlagged() {
        // 1 MiB in 131 µs is 8.0 GB/s; 256 MiB in 67 ms is 4.0 GB/s.
        Device d = Device.of(rows(131_072, 67_108_864));
        assertEquals(8.0, d.coldReadGBps(), 0.01);
        assertEquals(4.0, d.forcedWriteGBps(), 0.01);
        assertTrue(d.readBeyondLocalDisk());
        assertFalse(d.writeBeyondLocalDisk());
        String md = d.section(Map.of("hypervisor", "KVM (full virtualization)", "blockDevice", "/dev/vda",
                "writeCache", "write back"));
        assertTrue(md.contains("8.0 GB/s") && md.contains("No single local disk reads that fast"), md);
        assertTrue(md.contains("4.0 GB/s") && !md.contains("No single local disk writes"), md);
        assertTrue(md.contains("the host acknowledges the flush"), md);
    }

    @Test
    void aLocalDiskAtItsOwnSpeedIsNotFlagged() {
        // 2 GB/s reads and 1 GB/s forced writes on bare metal: said, not flagged.
        Device d = Device.of(rows(524_288, 268_435_456));
        String md = d.section(Map.of("hypervisor", "none", "blockDevice", "/dev/nvme0n1p2"));
        assertTrue(md.contains("2.0 GB/s") && md.contains("1.0 GB/s"), md);
        assertFalse(md.contains("No single local disk"), md);
        assertFalse(md.contains("host"), md);
    }

    @Test
    void aReadThatWrappedToTheFilesStartIsNoDeviceSpeed() {
        // 100 reads of 1 MiB per iteration over a 64 MiB file: the second pass came from the page cache.
        Row wrapped = Synthetic.row(Question.SEQUENTIAL_READ, "fileChannel", 1 << 20, "COLD", nanos(1_000));
        Map<String, Double> secondary = Map.of(mmapbench.profile.IoProfiler.OPS, 100.0);
        wrapped = new Row(wrapped.benchmark(), wrapped.fileQuestion(), wrapped.api(), false, wrapped.mode(), 1,
                wrapped.params(), wrapped.score(), 0, wrapped.unit(), wrapped.forks(), Map.of(), secondary, List.of());
        assertTrue(Double.isNaN(Device.of(List.of(wrapped)).coldReadGBps()));
    }

    @Test
    void aRunWithoutColdOrForcedRowsSaysNothing() {
        Device d = Device.of(List.of(Synthetic.row(Question.RANDOM_READ, "fileChannel", 4096, "COLD", nanos(50_000))));
        assertEquals("", d.section(Map.of()));
    }
}
