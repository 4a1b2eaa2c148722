package mmapbench.environment;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The run's CPU accounting, from fixture /proc text with known answers. */
class RunClockTest {

    private static final String STAT = """
            cpu  100 20 30 4000 50 6 7 8 0 0
            cpu0 50 10 15 2000 25 3 4 4 0 0
            cpu1 50 10 15 2000 25 3 3 4 0 0
            intr 12345 0 0
            ctxt 67890
            """;

    @Test
    void busyIsUserNiceSystemIrqAndSoftirqButNotIdleIowaitOrSteal() {
        assertEquals(new RunClock.SystemTicks(100 + 20 + 30 + 6 + 7, 8, 2), RunClock.systemTicks(STAT));
        assertNull(RunClock.systemTicks("cpu  1 2 3\n"), "too short");
        assertNull(RunClock.systemTicks(null));
    }

    @Test
    void aProcessIsItsOwnAndItsEndedChildrensUserAndSystemTicks() {
        // The command name may hold spaces and parentheses; fields 14 to 17 are utime, stime, cutime, cstime.
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 111 22 3 4 20 0 30 0 5 0 0\n";
        assertEquals(111 + 22 + 3 + 4, RunClock.processTicks(stat));
        assertEquals(-1, RunClock.processTicks(null));
    }

    @Test
    void theLoadAverageIsItsFirstThreeFields() {
        assertEquals("0.52 0.58 0.59", RunClock.loadAverage("0.52 0.58 0.59 2/345 6789\n"));
        assertNull(RunClock.loadAverage(null));
    }

    @Test
    void othersAreTheBusyTicksTheRunDidNotUse() {
        RunClock.SystemTicks start = new RunClock.SystemTicks(1000, 50, 2);
        RunClock.SystemTicks end = new RunClock.SystemTicks(1500, 60, 2);
        Map<String, Object> cpu = RunClock.cpuUse(start, end, 200, 500, 10.0);
        assertEquals(Map.of("busyCpuSeconds", 5.0, "runCpuSeconds", 3.0, "otherCpuSeconds", 2.0,
                // 2 s of the 20 CPU-seconds that 10 s on 2 CPUs offered.
                "otherShareOfCapacity", 0.1, "stealCpuSeconds", 0.1), cpu);
    }

    @Test
    void aRunThatOutTicksTheMachineLeavesNothingToOthers() {
        RunClock.SystemTicks start = new RunClock.SystemTicks(1000, 0, 2);
        Map<String, Object> cpu = RunClock.cpuUse(start, new RunClock.SystemTicks(1100, 0, 2), 0, 101, 1.0);
        assertEquals(0.0, cpu.get("otherCpuSeconds"));
        assertEquals(1.01, cpu.get("runCpuSeconds"));
    }

    @Test
    void withoutBothReadingsThereIsNoCpuUse() {
        RunClock.SystemTicks ticks = new RunClock.SystemTicks(1000, 0, 2);
        assertNull(RunClock.cpuUse(null, ticks, 0, 10, 1.0));
        assertNull(RunClock.cpuUse(ticks, ticks, -1, 10, 1.0));
        assertNull(RunClock.cpuUse(ticks, null, 0, 10, 1.0));
    }

    @Test
    void stealSinceBootIsTheEighthFieldOverAllEight() {
        Map<String, Object> steal = RunClock.stealSinceBoot(STAT);
        assertEquals(0.08, (Double) steal.get("cpuSeconds"), 1e-12);
        assertEquals(8.0 / (100 + 20 + 30 + 4000 + 50 + 6 + 7 + 8), (Double) steal.get("shareOfCpuTime"), 1e-12);
        assertNull(RunClock.stealSinceBoot("cpu  1 2 3\n"));
    }

    @Test
    void stealSinceBootIsWhatProcStatSays() throws Exception {
        // Steal only grows: the capture lies between a reading before and one after.
        String awk = "NR == 1 {print $9}";
        long before = Long.parseLong(mmapbench.fixture.Shell.output("awk", awk, "/proc/stat"));
        double seconds = (Double) RunClock.stealSinceBoot().get("cpuSeconds");
        long after = Long.parseLong(mmapbench.fixture.Shell.output("awk", awk, "/proc/stat"));
        org.junit.jupiter.api.Assertions.assertTrue(seconds >= before / 100.0 && seconds <= after / 100.0,
                seconds + " s not between " + before + " and " + after + " ticks");
    }
}
