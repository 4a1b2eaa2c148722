package mmapbench.environment;

import mmapbench.fixture.ProcFile;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the run cost and whether it had the machine to itself: the wall clock and the CPU ticks
 * at its start, against which {@link #end} measures.
 */
public final class RunClock {

    /** The USER_HZ of /proc/stat and /proc/self/stat: 100 on every Linux architecture Java runs on. */
    static final int TICKS = 100;

    private static final Path STAT = Path.of("/proc/stat");
    private static final Path SELF_STAT = Path.of("/proc/self/stat");

    /**
     * Of all CPUs since boot (/proc/stat's first line): the ticks spent running something (user,
     * nice, system, irq, softirq; not idle, iowait or steal), the ticks the hypervisor stole, and
     * how many CPUs there are.
     */
    record SystemTicks(long busy, long steal, long cpus) {
    }

    private final long startNanos;
    /** Null where /proc/stat cannot be read. */
    private final SystemTicks system;
    /** This process's and its ended children's ticks; -1 when unknown. */
    private final long ownTicks;

    private RunClock(long startNanos, SystemTicks system, long ownTicks) {
        this.startNanos = startNanos;
        this.system = system;
        this.ownTicks = ownTicks;
    }

    /** The clock of a run whose work starts now. */
    public static RunClock start() {
        return new RunClock(System.nanoTime(), systemTicks(ProcFile.read(STAT)), processTicks(ProcFile.read(SELF_STAT)));
    }

    /**
     * The run's end: when, how long, the load average after, and (where the ticks are known) the
     * CPU time that neither this process nor its forked JVMs used. That share includes the kernel's
     * own threads, writeback of the benchmarks' dirty pages among them, so a write-heavy run shows some.
     */
    Map<String, Object> end() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("ended", OffsetDateTime.now().withNano(0).toString());
        env.put("durationSeconds", Math.round(seconds));
        env.put("loadAverageAfter", loadAverage());
        Map<String, Object> cpu = cpuUse(system, systemTicks(ProcFile.read(STAT)), ownTicks,
                processTicks(ProcFile.read(SELF_STAT)), seconds);
        if (cpu != null) {
            env.put("cpuUse", cpu);
        }
        return env;
    }

    /**
     * The hypervisor's steal since boot, when a run starts: {@link #end}'s {@code cpuUse} gives the
     * run's own. Seconds of all CPUs, and the share of all CPU time since boot; null without /proc/stat.
     */
    static Map<String, Object> stealSinceBoot(String stat) {
        if (stat == null) {
            return null;
        }
        String[] f = stat.lines().findFirst().orElse("").trim().split("\\s+");
        if (f.length < 9) {
            return null;
        }
        long all = 0;
        for (int i = 1; i <= 8; i++) {
            all += Long.parseLong(f[i]);
        }
        long steal = Long.parseLong(f[8]);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cpuSeconds", steal / (double) TICKS);
        out.put("shareOfCpuTime", all == 0 ? 0.0 : steal / (double) all);
        return out;
    }

    static Map<String, Object> stealSinceBoot() {
        return stealSinceBoot(ProcFile.read(STAT));
    }

    /** How the CPU time between two readings divides between the run and everybody else; null without both. */
    static Map<String, Object> cpuUse(SystemTicks start, SystemTicks now, long ownStart, long ownNow, double seconds) {
        if (start == null || now == null || ownStart < 0 || ownNow < 0) {
            return null;
        }
        long busy = now.busy() - start.busy();
        long own = ownNow - ownStart;
        // Both counters tick on their own schedule: the run may show a tick more than the whole machine.
        long others = Math.max(0, busy - own);
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("busyCpuSeconds", busy / (double) TICKS);
        cpu.put("runCpuSeconds", own / (double) TICKS);
        cpu.put("otherCpuSeconds", others / (double) TICKS);
        // Of all the CPU time the run's wall clock offered (every CPU /proc/stat counts), the share others took.
        cpu.put("otherShareOfCapacity", others / (double) TICKS / (seconds * now.cpus()));
        // Time the hypervisor gave this guest's vCPUs to someone else: a noisy host, not a noisy guest.
        cpu.put("stealCpuSeconds", (now.steal() - start.steal()) / (double) TICKS);
        return cpu;
    }

    /** /proc/stat's ticks ({@code stat} is its text); null when it is missing or short. */
    static SystemTicks systemTicks(String stat) {
        if (stat == null) {
            return null;
        }
        String[] f = stat.lines().findFirst().orElse("").trim().split("\\s+");
        if (f.length < 9) {
            return null;
        }
        long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                + Long.parseLong(f[7]);
        long cpus = stat.lines().filter(l -> l.matches("cpu\\d+ .*")).count();
        return new SystemTicks(busy, Long.parseLong(f[8]), Math.max(1, cpus));
    }

    /**
     * The ticks of a process and of its children that ended (the forked JVMs, fio), from the text
     * of its /proc/PID/stat; -1 when it is missing.
     */
    static long processTicks(String stat) {
        if (stat == null) {
            return -1;
        }
        // The command name is in parentheses and may itself hold spaces and parentheses.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime, stime, cutime, cstime: fields 14-17 of proc(5), 11-14 after the command name.
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    static String loadAverage() {
        return loadAverage(ProcFile.read(Path.of("/proc/loadavg")));
    }

    /** The 1, 5 and 15 minute load averages of /proc/loadavg's text. */
    static String loadAverage(String loadavg) {
        if (loadavg == null) {
            return null;
        }
        String[] f = loadavg.trim().split("\\s+");
        return f[0] + " " + f[1] + " " + f[2];
    }
}
