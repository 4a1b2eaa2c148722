package mmapbench.series;

import mmapbench.fixture.ProcFile;
import mmapbench.profile.IoCounters;

import java.nio.file.Path;

/**
 * One reading of what a window counts, from the kernel's files, each read whole
 * ({@link ProcFile}): the JVM's major faults and the data device's reads ({@link IoCounters}),
 * the memory cgroup's evictions, the machine's TLB shootdowns. -1 where a file does not say.
 */
record Counters(long majorFaults, long deviceBytes, long evictions, long tlbShootdowns) {

    private static final Path INTERRUPTS = Path.of("/proc/interrupts");

    /** Now; {@code cgroupStat} is the reader's cgroup's {@code memory.stat}, or null for none. */
    static Counters read(Path cgroupStat, boolean v1) {
        IoCounters.Snapshot io = IoCounters.read(false);
        long evictions = cgroupStat == null ? -1
                : ProcFile.field(ProcFile.read(cgroupStat), v1 ? "pgpgout " : "pgsteal ");
        return new Counters(io.majorFaults(), io.diskReadBytes(), evictions, tlbShootdowns(ProcFile.read(INTERRUPTS)));
    }

    /**
     * The {@code TLB:} row of {@code /proc/interrupts} summed over its CPU columns (the numbers
     * before the row's description); -1 without the row (other architectures name it otherwise).
     */
    static long tlbShootdowns(String interrupts) {
        if (interrupts == null) {
            return -1;
        }
        for (String line : interrupts.split("\n")) {
            String t = line.strip();
            if (t.startsWith("TLB:")) {
                long sum = 0;
                for (String field : t.substring(4).strip().split("\\s+")) {
                    if (!field.chars().allMatch(Character::isDigit) || field.isEmpty()) {
                        break;
                    }
                    sum += Long.parseLong(field);
                }
                return sum;
            }
        }
        return -1;
    }

    /** What happened from {@code before} to this reading: -1 where either did not say. */
    Counters since(Counters before) {
        return new Counters(diff(majorFaults, before.majorFaults), diff(deviceBytes, before.deviceBytes),
                diff(evictions, before.evictions), diff(tlbShootdowns, before.tlbShootdowns));
    }

    private static long diff(long a, long b) {
        return a < 0 || b < 0 ? -1 : a - b;
    }
}
