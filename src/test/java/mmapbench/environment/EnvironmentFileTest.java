package mmapbench.environment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** environment.json holds what explains a run's numbers, and its end says whether the run had the machine. */
class EnvironmentFileTest {

    @TempDir
    Path dir;

    @Test
    void theMachineIsDescribed() {
        Map<String, Object> env = EnvironmentFile.capture(dir, "quick", List.of("1048576"));
        for (String key : List.of("cpu", "cpuTopology", "hypervisor", "kernel", "vmDirty", "faultAroundBytes",
                "transparentHugepages", "transparentHugepagesDefrag", "damon", "cpuidleDriver", "cpuidleGovernor", "filesystem",
                "mountOptions", "writeCache", "ioScheduler", "readAheadKb", "jdk", "jvmOptions", "loadAverageBefore",
                "commit", "treeClean")) {
            assertTrue(env.containsKey(key), key + " missing from " + env.keySet());
        }
        // Every folder is on some mount, and the one found holds it.
        String mount = (String) env.get("mountOptions");
        assertNotNull(mount);
        String mountPoint = mount.split(" ")[2];
        assertTrue(dir.toAbsolutePath().startsWith(Path.of(mountPoint)), mount + " does not hold " + dir);
        assertNotNull(env.get("faultAroundBytes"), "unreadable is said, never left out");
        // The scheduler in use, not the list the kernel offers ("none [mq-deadline] kyber bfq").
        Object scheduler = env.get("ioScheduler");
        assertTrue(scheduler == null || !scheduler.toString().contains(" "), "ioScheduler " + scheduler);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEndSaysHowLongAndWhoElseUsedTheCpus() throws Exception {
        Path file = dir.resolve(EnvironmentFile.FILE);
        EnvironmentFile.write(EnvironmentFile.capture(dir, "quick", List.of("1048576")), file);
        RunClock clock = RunClock.start();
        // This process's own work, a third of a CPU-second: it must count as the run's, not as others'.
        var threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 300_000_000L;
        long spins = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            spins++;
        }
        EnvironmentFile.finish(file, clock);
        Map<String, Object> env = EnvironmentFile.beside(dir.resolve("jmh-result.json"));
        assertEquals("quick", env.get("profile"), "the start's fields are kept");
        assertTrue(env.containsKey("durationSeconds") && env.containsKey("loadAverageAfter") && env.containsKey("ended"));
        Map<String, Object> cpu = (Map<String, Object>) env.get("cpuUse");
        assertNotNull(cpu, "no /proc/stat?");
        double run = ((Number) cpu.get("runCpuSeconds")).doubleValue();
        assertTrue(run >= 0.25, "300 ms of this process's CPU counted as " + run + " s (" + spins + " spins)");
        assertTrue(((Number) cpu.get("otherCpuSeconds")).doubleValue() >= 0);
    }
}
