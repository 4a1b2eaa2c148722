package mmapbench.environment;

import mmapbench.fixture.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** environment.json holds what explains a run's numbers, and its end says whether the run had the machine. */
class EnvironmentFileTest {

    @TempDir
    Path dir;

    /** The keys readers of environment.json (the report, the published results) rely on, in their order. */
    private static final List<String> KEYS = List.of("date", "profile", "fileSize", "cpu", "cores", "cpuTopology",
            "hypervisor", "ram", "kernel", "transparentHugepages", "transparentHugepagesShmem",
            "transparentHugepagesDefrag", "faultAroundBytes", "cpuidleDriver", "cpuidleGovernor", "haltpoll", "damon",
            "vmDirty", "dataDir", "filesystem", "blockDevice", "readAheadKb", "mountOptions", "writeCache",
            "ioScheduler", "rotational", "commit", "treeClean", "jdk", "jmh", "jvmOptions", "loadAverageBefore",
            // Added later, after all of the above.
            "cpuId", "mitigations", "clocksource", "stealBefore", "mglru", "cgroupVersion", "dirtyThresholds",
            "memAvailableBeforeKb", "forkJvm");

    @Test
    void theKeysAreThoseEveryRunHasWritten() {
        Map<String, Object> env = EnvironmentFile.capture(dir, "quick", List.of("1048576"));
        assertEquals(KEYS, List.copyOf(env.keySet()));
        assertEquals("quick", env.get("profile"));
        assertEquals(List.of("1048576"), env.get("fileSize"));
    }

    @Test
    void vmDirtyIsWhatCatPrints() throws Exception {
        Map<?, ?> dirty = (Map<?, ?>) EnvironmentFile.capture(dir, "quick", List.of()).get("vmDirty");
        for (Object name : dirty.keySet()) {
            Path file = Path.of("/proc/sys/vm", (String) name);
            assertEquals(Shell.output("cat", file.toString()), dirty.get(name), file.toString());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEndSaysHowLongAndHowMuchCpuTheRunUsed() throws Exception {
        Path file = dir.resolve(EnvironmentFile.FILE);
        EnvironmentFile.write(EnvironmentFile.capture(dir, "quick", List.of("1048576")), file);
        RunClock clock = RunClock.start();
        // This thread's own work, 300 ms of CPU: it must count as the run's, not as others'.
        var threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 300_000_000L;
        long spins = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            spins++;
        }
        EnvironmentFile.finish(file, clock);

        Map<String, Object> env = EnvironmentFile.beside(dir.resolve("jmh-result.json"));
        assertEquals(KEYS, List.copyOf(env.keySet()).subList(0, KEYS.size()), "the start's fields are kept");
        assertEquals(List.of("ended", "durationSeconds", "loadAverageAfter", "cpuUse"),
                List.copyOf(env.keySet()).subList(KEYS.size(), env.size()));
        assertFalse(OffsetDateTime.parse((String) env.get("ended")).isBefore(OffsetDateTime.parse((String) env.get("date"))));
        Map<String, Object> cpu = (Map<String, Object>) env.get("cpuUse");
        double run = ((Number) cpu.get("runCpuSeconds")).doubleValue();
        double busy = ((Number) cpu.get("busyCpuSeconds")).doubleValue();
        assertTrue(run >= 0.2, "300 ms of this thread's CPU counted as " + run + " s (" + spins + " spins)");
        // The machine was busy at least while the run was; a tick or two apart, the two counters agree.
        assertTrue(busy >= run - 0.05, "all CPUs busy for " + busy + " s, the run alone for " + run + " s");
    }

    @Test
    void noFileBesideAResultIsAnEmptyEnvironment() {
        assertEquals(Map.of(), EnvironmentFile.beside(dir.resolve("jmh-result.json")));
    }

    @Test
    void aBrokenFileBesideAResultIsSaid() throws Exception {
        Files.writeString(dir.resolve(EnvironmentFile.FILE), "{ \"cpu\" : ");
        String error = (String) EnvironmentFile.beside(dir.resolve("jmh-result.json")).get("error");
        assertNotNull(error);
        assertTrue(error.startsWith("environment.json cannot be read: "), error);
    }
}
