package mmapbench.environment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
