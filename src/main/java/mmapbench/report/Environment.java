package mmapbench.report;

import mmapbench.fixture.JvmOptions;
import mmapbench.fixture.ProcFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine a run measured, captured when it starts and kept beside its JSON as
 * {@value #FILE}: numbers without it cannot be compared with anybody else's.
 */
public final class Environment {

    public static final String FILE = "environment.json";

    private Environment() {
    }

    /** What this machine is, and where and how the run keeps its data files. */
    public static Map<String, Object> capture(Path dataDir, String profile, List<String> fileSizes) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("date", OffsetDateTime.now().withNano(0).toString());
        env.put("profile", profile);
        env.put("fileSize", fileSizes);
        env.put("cpu", firstMatch(Path.of("/proc/cpuinfo"), "^model name\\s*:\\s*(.+)$"));
        env.put("cores", Runtime.getRuntime().availableProcessors());
        Map<String, String> lscpu = lscpu();
        // Whether the cores are SMT siblings decides what "SAME" and "SPLIT" CPUs mean for IPC.
        env.put("cpuTopology", topology(lscpu));
        // A guest's "disk" and "CPU" are the host's to share: the report reads the numbers in that light.
        env.put("hypervisor", hypervisor(lscpu));
        String memKb = firstMatch(Path.of("/proc/meminfo"), "^MemTotal:\\s*(\\d+) kB");
        env.put("ram", memKb == null ? null : String.format("%.1f GiB", Long.parseLong(memKb) / 1048576.0));
        env.put("kernel", read(Path.of("/proc/sys/kernel/osrelease")));
        env.put("transparentHugepages", bracketed(read(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"))));
        env.put("transparentHugepagesShmem", bracketed(read(Path.of("/sys/kernel/mm/transparent_hugepage/shmem_enabled"))));
        // Whether a fault may stall to compact memory into a huge page.
        env.put("transparentHugepagesDefrag", bracketed(read(Path.of("/sys/kernel/mm/transparent_hugepage/defrag"))));
        // How many neighbouring cached pages one read fault maps (debugfs; 65536 B unless changed).
        String faultAround = read(Path.of("/sys/kernel/debug/fault_around_bytes"));
        env.put("faultAroundBytes", faultAround != null ? faultAround
                : "unreadable: debugfs is not mounted or needs root (the kernel's default is 65536)");
        // The guest's idle and wake-up settings: they set the price of every blocking IPC channel.
        env.put("cpuidleDriver", Ipc.cpuidleDriver());
        env.put("cpuidleGovernor", Ipc.cpuidleGovernor());
        env.put("haltpoll", Ipc.haltpoll());
        // A kernel that pages out idle memory on its own evicts a file's cache between runs.
        env.put("damon", damon());
        // The dirty-page throttle's settings: with RAM, they decide when a writer is paced.
        env.put("vmDirty", dirtySettings());
        env.put("dataDir", dataDir.toString());
        try {
            FileStore store = Files.getFileStore(dataDir);
            env.put("filesystem", store.type());
            env.put("blockDevice", store.name());
            env.put("readAheadKb", readAhead(store.name()));
            env.put("mountOptions", mountOptions(dataDir));
            // "write back": the device acknowledges a write before it is durable, and fsync asks for a flush.
            env.put("writeCache", queue(store.name(), "write_cache"));
            env.put("ioScheduler", bracketed(queue(store.name(), "scheduler")));
            env.put("rotational", queue(store.name(), "rotational"));
        } catch (IOException e) {
            env.put("filesystem", null);
        }
        String commit = commit();
        env.put("commit", commit == null ? null : commit.replace(CHANGED, ""));
        env.put("treeClean", commit == null ? null : !commit.endsWith(CHANGED));
        env.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.version"));
        env.put("jmh", org.openjdk.jmh.util.Version.getPlainVersion());
        env.put("jvmOptions", Map.of("runner", ManagementFactory.getRuntimeMXBean().getInputArguments(),
                "forks", JvmOptions.FORK));
        env.put("loadAverageBefore", loadAverage());
        return env;
    }

    /**
     * What the run cost and whether it had the machine to itself: kept from its start, added to
     * {@value #FILE} by {@link #finish} when it ends.
     */
    public record Clock(long startNanos, long busyTicks, long stealTicks, long ownTicks) {
        public static Clock start() {
            long[] cpu = cpuTicks();
            return new Clock(System.nanoTime(), cpu == null ? -1 : cpu[0], cpu == null ? -1 : cpu[1], processTicks());
        }
    }

    /**
     * Adds the run's end to {@code file}: its duration, the load average after, and the CPU time
     * that neither this process nor its forked JVMs used. That share includes the kernel's own
     * threads, writeback of the benchmarks' dirty pages among them, so a write-heavy run shows some.
     */
    @SuppressWarnings("unchecked")
    public static void finish(Path file, Clock clock) throws IOException {
        Map<String, Object> env = new ObjectMapper().readValue(file.toFile(), LinkedHashMap.class);
        double seconds = (System.nanoTime() - clock.startNanos()) / 1e9;
        env.put("ended", OffsetDateTime.now().withNano(0).toString());
        env.put("durationSeconds", Math.round(seconds));
        env.put("loadAverageAfter", loadAverage());
        long[] now = cpuTicks();
        long ownNow = processTicks();
        if (now != null && clock.busyTicks() >= 0 && ownNow >= 0 && clock.ownTicks() >= 0) {
            long busy = now[0] - clock.busyTicks();
            long own = ownNow - clock.ownTicks();
            long others = Math.max(0, busy - own);
            Map<String, Object> cpu = new LinkedHashMap<>();
            cpu.put("busyCpuSeconds", busy / (double) TICKS);
            cpu.put("runCpuSeconds", own / (double) TICKS);
            cpu.put("otherCpuSeconds", others / (double) TICKS);
            // Of all the CPU time the run's wall clock offered (every CPU /proc/stat counts), the share others took.
            cpu.put("otherShareOfCapacity", others / (double) TICKS / (seconds * now[2]));
            // Time the hypervisor gave this guest's vCPUs to someone else: a noisy host, not a noisy guest.
            cpu.put("stealCpuSeconds", (now[1] - clock.stealTicks()) / (double) TICKS);
            env.put("cpuUse", cpu);
        }
        write(env, file);
    }

    /** The USER_HZ of /proc/stat and /proc/self/stat: 100 on every Linux architecture Java runs on. */
    private static final int TICKS = 100;

    /**
     * Of all CPUs since boot (/proc/stat's first line): the ticks spent running something (user,
     * nice, system, irq, softirq; not idle, iowait or steal), the ticks stolen by the hypervisor,
     * and the number of CPUs; null when unknown.
     */
    static long[] cpuTicks() {
        String stat = read(Path.of("/proc/stat"));
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
        return new long[]{busy, Long.parseLong(f[8]), Math.max(1, cpus)};
    }

    /** This process's CPU ticks and those of its children that ended (the forked JVMs, fio). */
    static long processTicks() {
        String stat = read(Path.of("/proc/self/stat"));
        if (stat == null) {
            return -1;
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime, stime, cutime, cstime: fields 14-17 of proc(5), 11-14 after the command name.
        return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    private static String loadAverage() {
        String s = read(Path.of("/proc/loadavg"));
        if (s == null) {
            return null;
        }
        String[] f = s.trim().split("\\s+");
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static final Path DAMON = Path.of("/sys/kernel/mm/damon/admin/kdamonds");

    /**
     * The DAMON schemes that run (kdamonds whose state is "on"), one line each: their action on
     * which memory (e.g. pageout of memory idle for 60 s or more, up to 128 MiB a second); "off"
     * when none runs, null where the kernel has no DAMON sysfs.
     */
    static Object damon() {
        if (!Files.isDirectory(DAMON)) {
            return null;
        }
        List<String> schemes = new java.util.ArrayList<>();
        try (var kdamonds = Files.list(DAMON)) {
            for (Path kdamond : kdamonds.filter(Files::isDirectory).sorted().toList()) {
                String state = read(kdamond.resolve("state"));
                if (state == null) {
                    // The state file is root's alone (mode 0600).
                    return "unknown: " + kdamond.resolve("state") + " is readable by root only";
                }
                if (!"on".equals(state)) {
                    continue;
                }
                try (var contexts = Files.list(kdamond.resolve("contexts"))) {
                    for (Path context : contexts.filter(Files::isDirectory).sorted().toList()) {
                        String ops = read(context.resolve("operations"));
                        long aggregateUs = number(read(context.resolve("monitoring_attrs/intervals/aggr_us")));
                        try (var all = Files.list(context.resolve("schemes"))) {
                            for (Path scheme : all.filter(Files::isDirectory).sorted().toList()) {
                                schemes.add(scheme(kdamond, ops, aggregateUs, scheme));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
        return schemes.isEmpty() ? "off" : schemes;
    }

    private static String scheme(Path kdamond, String ops, long aggregateUs, Path scheme) {
        long minAge = number(read(scheme.resolve("access_pattern/age/min")));
        long maxAccesses = number(read(scheme.resolve("access_pattern/nr_accesses/max")));
        long quotaBytes = number(read(scheme.resolve("quotas/bytes")));
        long resetMs = number(read(scheme.resolve("quotas/reset_interval_ms")));
        return String.format(Locale.ROOT, "kdamond %s (%s): %s of memory seen accessed in at most %d"
                        + " samples per aggregation, for %.0f s or more%s", kdamond.getFileName(), ops, read(scheme.resolve("action")),
                maxAccesses, minAge * aggregateUs / 1e6,
                quotaBytes > 0 && resetMs > 0 ? String.format(Locale.ROOT, ", up to %d MiB per %d ms",
                        quotaBytes >> 20, resetMs) : "");
    }

    private static long number(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** lscpu's "Name: value" lines; empty when lscpu is not there. */
    static Map<String, String> lscpu() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            ProcessBuilder b = new ProcessBuilder("lscpu").redirectErrorStream(true);
            // Its field names are translated in other locales.
            b.environment().put("LC_ALL", "C");
            Process p = b.start();
            for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    out.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
            p.waitFor();
        } catch (IOException e) {
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }

    private static Map<String, String> topology(Map<String, String> lscpu) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("sockets", lscpu.get("Socket(s)"));
        t.put("coresPerSocket", lscpu.get("Core(s) per socket"));
        t.put("threadsPerCore", lscpu.get("Thread(s) per core"));
        t.put("l3", lscpu.get("L3 cache"));
        return t;
    }

    private static String hypervisor(Map<String, String> lscpu) {
        String vendor = lscpu.get("Hypervisor vendor");
        if (vendor != null) {
            String type = lscpu.get("Virtualization type");
            return vendor + (type == null ? "" : " (" + type + " virtualization)");
        }
        String flags = firstMatch(Path.of("/proc/cpuinfo"), "^flags\\s*:\\s*(.+)$");
        if (flags == null) {
            return null;
        }
        return (" " + flags + " ").contains(" hypervisor ") ? "yes (cpuinfo's hypervisor flag; vendor unknown)" : "none";
    }

    /** The options the data folder's file system is mounted with: the longest mount point above it wins. */
    static String mountOptions(Path dir) {
        String mounts = read(Path.of("/proc/self/mounts"));
        if (mounts == null) {
            return null;
        }
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            real = dir.toAbsolutePath().normalize();
        }
        String best = null;
        int bestLength = -1;
        for (String line : mounts.split("\n")) {
            String[] f = line.split(" ");
            // Of two mounts on one point the later hides the earlier: ">=" keeps the later.
            if (f.length >= 4 && real.startsWith(Path.of(f[1])) && f[1].length() >= bestLength) {
                bestLength = f[1].length();
                best = f[0] + " on " + f[1] + " type " + f[2] + " (" + f[3] + ")";
            }
        }
        return best;
    }

    /** A file of the device's request queue (its disk's, for a partition); null when there is none. */
    private static String queue(String device, String name) {
        String dev = device.startsWith("/dev/") ? device.substring(5) : device;
        for (String candidate : List.of(dev, dev.replaceAll("p?\\d+$", ""))) {
            String value = read(Path.of("/sys/block", candidate, "queue", name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    public static void write(Map<String, Object> env, Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), env);
    }

    /** The environment beside a result file, or an empty map if there is none. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> beside(Path resultFile) {
        Path file = resultFile.toAbsolutePath().resolveSibling(FILE);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return new ObjectMapper().readValue(file.toFile(), LinkedHashMap.class);
        } catch (IOException e) {
            return Map.of("error", FILE + " cannot be read: " + e.getMessage());
        }
    }

    private static final String CHANGED = "+changes";

    /** The code that ran: the git commit of the working folder, with "+changes" if it differs; null outside git. */
    static String commit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String head = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() != 0) {
                return null;
            }
            Process d = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").start();
            boolean dirty = !new String(d.getInputStream().readAllBytes()).isBlank();
            d.waitFor();
            return dirty ? head + CHANGED : head;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** vm.dirty_* as "name=value" pairs, in the order the kernel documents them. */
    static Map<String, String> dirtySettings() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : List.of("dirty_ratio", "dirty_bytes", "dirty_background_ratio", "dirty_background_bytes",
                "dirty_expire_centisecs", "dirty_writeback_centisecs")) {
            out.put(name, read(Path.of("/proc/sys/vm", name)));
        }
        return out;
    }

    /** read_ahead_kb of a device such as /dev/vda or /dev/nvme0n1p2 (a partition reads its disk's). */
    static String readAhead(String device) {
        return queue(device, "read_ahead_kb");
    }

    private static String bracketed(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = Pattern.compile("\\[([^\\]]+)]").matcher(s);
        return m.find() ? m.group(1) : s;
    }

    private static String read(Path p) {
        return ProcFile.value(p);
    }

    private static String firstMatch(Path p, String regex) {
        String text = read(p);
        if (text == null) {
            return null;
        }
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        return m.find() ? m.group(1).trim() : null;
    }
}
