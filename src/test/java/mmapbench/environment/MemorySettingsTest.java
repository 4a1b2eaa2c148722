package mmapbench.environment;

import mmapbench.fixture.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DAMON's schemes and vm.dirty_*, read from fixture sysfs and procfs folders. */
class MemorySettingsTest {

    @TempDir
    Path dir;

    private void write(String file, String text) throws IOException {
        Path p = dir.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text + "\n");
    }

    /** kdamond 0 as a reclaim-idle setup has it: page out what no sample saw accessed for 60 s, 128 MiB a second. */
    private void kdamond(String state) throws IOException {
        write("kdamonds/nr_kdamonds", "1");
        write("kdamonds/0/state", state);
        write("kdamonds/0/contexts/nr_contexts", "1");
        write("kdamonds/0/contexts/0/operations", "paddr");
        write("kdamonds/0/contexts/0/monitoring_attrs/intervals/aggr_us", "100000");
        write("kdamonds/0/contexts/0/schemes/nr_schemes", "1");
        write("kdamonds/0/contexts/0/schemes/0/action", "pageout");
        write("kdamonds/0/contexts/0/schemes/0/access_pattern/age/min", "600");
        write("kdamonds/0/contexts/0/schemes/0/access_pattern/nr_accesses/max", "0");
        write("kdamonds/0/contexts/0/schemes/0/quotas/bytes", String.valueOf(128L << 20));
        write("kdamonds/0/contexts/0/schemes/0/quotas/reset_interval_ms", "1000");
    }

    @Test
    void aRunningSchemeIsSaidInWords() throws IOException {
        kdamond("on");
        assertEquals(List.of("kdamond 0 (paddr): pageout of memory seen accessed in at most 0 samples per"
                + " aggregation, for 60 s or more, up to 128 MiB per 1000 ms"), MemorySettings.damon(dir.resolve("kdamonds")));
    }

    @Test
    void aStoppedKdamondIsOff() throws IOException {
        kdamond("off");
        assertEquals("off", MemorySettings.damon(dir.resolve("kdamonds")));
    }

    @Test
    void anUnreadableStateIsSaidAndAKernelWithoutDamonIsNull() throws IOException {
        Files.createDirectories(dir.resolve("kdamonds/0"));
        assertEquals("unknown: " + dir.resolve("kdamonds/0/state") + " is readable by root only",
                MemorySettings.damon(dir.resolve("kdamonds")));
        assertNull(MemorySettings.damon(dir.resolve("absent")));
    }

    @Test
    void eachDirtySettingIsItsFileWholeInTheKernelsOrder() throws IOException {
        write("vm/dirty_ratio", "20");
        write("vm/dirty_bytes", "0");
        write("vm/dirty_background_ratio", "10");
        write("vm/dirty_expire_centisecs", "3000");
        write("vm/dirty_writeback_centisecs", "500");
        Map<String, String> dirty = MemorySettings.dirty(dir.resolve("vm"));
        assertEquals(List.of("dirty_ratio", "dirty_bytes", "dirty_background_ratio", "dirty_background_bytes",
                "dirty_expire_centisecs", "dirty_writeback_centisecs"), List.copyOf(dirty.keySet()));
        assertEquals("20", dirty.get("dirty_ratio"));
        assertEquals("3000", dirty.get("dirty_expire_centisecs"));
        assertNull(dirty.get("dirty_background_bytes"), "a file that is not there");
    }

    @Test
    void mglruIsWhatCatPrintsAndNullWhereTheKernelHasNone() throws Exception {
        Path enabled = Path.of("/sys/kernel/mm/lru_gen/enabled");
        assertEquals(Files.exists(enabled) ? Shell.output("cat", enabled.toString()) : null,
                MemorySettings.atStart().get("mglru"));
    }

    @Test
    void theCgroupVersionIsWhatStatAndFindmntSay() throws Exception {
        String root = Shell.output("stat", "-fc", "%T", "/sys/fs/cgroup");
        boolean v2Anywhere = !Shell.output("sh", "-c", "findmnt -rn -t cgroup2 || true").isEmpty();
        boolean v1Anywhere = !Shell.output("sh", "-c", "findmnt -rn -t cgroup || true").isEmpty();
        String expected = root.equals("cgroup2fs") && !v1Anywhere ? "v2" : v1Anywhere && v2Anywhere ? "hybrid"
                : v1Anywhere ? "v1" : null;
        assertEquals(expected, MemorySettings.atStart().get("cgroupVersion"));
        assertEquals("hybrid", MemorySettings.cgroupVersion("""
                tmpfs /sys/fs/cgroup tmpfs ro 0 0
                cgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0
                cgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0
                """));
        assertEquals("v2", MemorySettings.cgroupVersion("cgroup2 /sys/fs/cgroup cgroup2 rw 0 0\n"));
        assertEquals("v1", MemorySettings.cgroupVersion("cgroup /sys/fs/cgroup/memory cgroup rw,memory 0 0\n"));
        assertNull(MemorySettings.cgroupVersion("proc /proc proc rw 0 0\n"));
    }

    /** A /proc/vmstat or /proc/meminfo figure as awk prints it. */
    private static long awk(String file, String name) throws Exception {
        return Long.parseLong(Shell.output("awk", "$1 == \"" + name + "\" {print $2}", file));
    }

    @Test
    void theDirtyThresholdsAndMemAvailableAreWhatTheKernelPrintsAroundTheCapture() throws Exception {
        // Both follow free memory from moment to moment: the capture lies between a reading before and one after.
        long thresholdBefore = awk("/proc/vmstat", "nr_dirty_threshold");
        long backgroundBefore = awk("/proc/vmstat", "nr_dirty_background_threshold");
        long availableBefore = awk("/proc/meminfo", "MemAvailable:");
        Map<String, Object> env = MemorySettings.atStart();
        long thresholdAfter = awk("/proc/vmstat", "nr_dirty_threshold");
        long backgroundAfter = awk("/proc/vmstat", "nr_dirty_background_threshold");
        long availableAfter = awk("/proc/meminfo", "MemAvailable:");
        Map<?, ?> thresholds = (Map<?, ?>) env.get("dirtyThresholds");
        assertBetween(thresholdBefore, (Long) thresholds.get("nr_dirty_threshold"), thresholdAfter, "nr_dirty_threshold");
        assertBetween(backgroundBefore, (Long) thresholds.get("nr_dirty_background_threshold"), backgroundAfter,
                "nr_dirty_background_threshold");
        assertBetween(availableBefore, (Long) env.get("memAvailableBeforeKb"), availableAfter, "MemAvailable");
    }

    /** Within the two readings, give or take 1% for what moved between them and the capture. */
    private static void assertBetween(long a, long value, long b, String what) {
        long low = Math.min(a, b) - Math.max(a, b) / 100;
        long high = Math.max(a, b) + Math.max(a, b) / 100;
        assertTrue(value >= low && value <= high, what + " " + value + " not between " + a + " and " + b);
    }
}
