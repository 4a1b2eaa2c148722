package mmapbench.environment;

import mmapbench.fixture.ProcFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The machine a run measured: its CPUs, memory, kernel, and the kernel's paging and idle settings. */
final class Machine {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final Path THP = Path.of("/sys/kernel/mm/transparent_hugepage");
    private static final Path CPUIDLE = Path.of("/sys/devices/system/cpu/cpuidle");
    private static final Path HALTPOLL = Path.of("/sys/module/haltpoll/parameters");
    private static final Path VULNERABILITIES = Path.of("/sys/devices/system/cpu/vulnerabilities");
    private static final Path CLOCKSOURCE = Path.of("/sys/devices/system/clocksource/clocksource0/current_clocksource");

    private Machine() {
    }

    /** cpu to haltpoll, in the order environment.json has always listed them. */
    static Map<String, Object> capture() {
        String cpuinfo = ProcFile.read(CPUINFO);
        Map<String, String> lscpu = lscpu(SystemText.output(Path.of("/"), "lscpu"));
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("cpu", cpuModel(cpuinfo));
        env.put("cores", Runtime.getRuntime().availableProcessors());
        // Whether the cores are SMT siblings decides what "SAME" and "SPLIT" CPUs mean for IPC.
        env.put("cpuTopology", topology(lscpu));
        // A guest's "disk" and "CPU" are the host's to share: the report reads the numbers in that light.
        env.put("hypervisor", hypervisor(lscpu, cpuinfo));
        env.put("ram", ram(ProcFile.read(MEMINFO)));
        env.put("kernel", ProcFile.value(Path.of("/proc/sys/kernel/osrelease")));
        env.put("transparentHugepages", SystemText.bracketed(ProcFile.value(THP.resolve("enabled"))));
        env.put("transparentHugepagesShmem", SystemText.bracketed(ProcFile.value(THP.resolve("shmem_enabled"))));
        // Whether a fault may stall to compact memory into a huge page.
        env.put("transparentHugepagesDefrag", SystemText.bracketed(ProcFile.value(THP.resolve("defrag"))));
        // How many neighbouring cached pages one read fault maps (debugfs; 65536 B unless changed).
        String faultAround = ProcFile.value(Path.of("/sys/kernel/debug/fault_around_bytes"));
        env.put("faultAroundBytes", faultAround != null ? faultAround
                : "unreadable: debugfs is not mounted or needs root (the kernel's default is 65536)");
        // The guest's idle and wake-up settings: they set the price of every blocking IPC channel.
        env.put("cpuidleDriver", cpuidleDriver());
        env.put("cpuidleGovernor", cpuidleGovernor());
        env.put("haltpoll", haltpoll(HALTPOLL));
        return env;
    }

    /**
     * cpuId to clocksource, added after every key the first capture has always written: which CPU
     * exactly (its mitigations and microcode set the price of every system call, the one cost a
     * mapped read avoids), and the clock every timed figure is read from.
     */
    static Map<String, Object> details() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("cpuId", cpuId(ProcFile.read(CPUINFO)));
        env.put("mitigations", mitigations(VULNERABILITIES));
        // tsc is read in user space; another clocksource makes every System.nanoTime a system call.
        env.put("clocksource", ProcFile.value(CLOCKSOURCE));
        return env;
    }

    /** The first processor's vendor, model name, family, model, stepping and microcode, as /proc/cpuinfo spells them; null each where absent. */
    static Map<String, String> cpuId(String cpuinfo) {
        Map<String, String> id = new LinkedHashMap<>();
        id.put("vendor", SystemText.firstMatch(cpuinfo, "^vendor_id\\s*:\\s*(.+)$"));
        id.put("modelName", cpuModel(cpuinfo));
        id.put("family", SystemText.firstMatch(cpuinfo, "^cpu family\\s*:\\s*(.+)$"));
        id.put("model", SystemText.firstMatch(cpuinfo, "^model\\s*:\\s*(.+)$"));
        id.put("stepping", SystemText.firstMatch(cpuinfo, "^stepping\\s*:\\s*(.+)$"));
        id.put("microcode", SystemText.firstMatch(cpuinfo, "^microcode\\s*:\\s*(.+)$"));
        return id;
    }

    /** Each file of the kernel's vulnerabilities folder, by name, and what it says; null where there is no such folder. */
    static Map<String, String> mitigations(Path vulnerabilities) {
        if (!Files.isDirectory(vulnerabilities)) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(vulnerabilities)) {
            files.sorted().forEach(f -> out.put(f.getFileName().toString(), ProcFile.value(f)));
        } catch (IOException e) {
            return null;
        }
        return out;
    }

    /** The first "model name" of /proc/cpuinfo; null where the architecture prints none. */
    static String cpuModel(String cpuinfo) {
        return SystemText.firstMatch(cpuinfo, "^model name\\s*:\\s*(.+)$");
    }

    /** MemTotal of /proc/meminfo in GiB, with one decimal. */
    static String ram(String meminfo) {
        String kb = SystemText.firstMatch(meminfo, "^MemTotal:\\s*(\\d+) kB");
        return kb == null ? null : String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(kb) / 1048576.0);
    }

    /** lscpu's "Name: value" lines; empty when lscpu printed nothing. */
    static Map<String, String> lscpu(String output) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (output == null) {
            return fields;
        }
        for (String line : output.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return fields;
    }

    static Map<String, String> topology(Map<String, String> lscpu) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("sockets", lscpu.get("Socket(s)"));
        t.put("coresPerSocket", lscpu.get("Core(s) per socket"));
        t.put("threadsPerCore", lscpu.get("Thread(s) per core"));
        t.put("l3", lscpu.get("L3 cache"));
        return t;
    }

    /** lscpu's hypervisor vendor; else whether cpuinfo's flags name one; null when neither source says. */
    static String hypervisor(Map<String, String> lscpu, String cpuinfo) {
        String vendor = lscpu.get("Hypervisor vendor");
        if (vendor != null) {
            String type = lscpu.get("Virtualization type");
            return vendor + (type == null ? "" : " (" + type + " virtualization)");
        }
        String flags = SystemText.firstMatch(cpuinfo, "^flags\\s*:\\s*(.+)$");
        if (flags == null) {
            return null;
        }
        return (" " + flags + " ").contains(" hypervisor ")
                ? "yes (cpuinfo's hypervisor flag; vendor unknown)" : "none";
    }

    /** The guest's cpuidle driver, or null: with the governor and haltpoll it sets the price of every wake-up. */
    static String cpuidleDriver() {
        return ProcFile.value(CPUIDLE.resolve("current_driver"));
    }

    static String cpuidleGovernor() {
        String ro = ProcFile.value(CPUIDLE.resolve("current_governor_ro"));
        return ro != null ? ro : ProcFile.value(CPUIDLE.resolve("current_governor"));
    }

    /** The haltpoll module's parameters ("guest_halt_poll_ns=200000, ..."), or null where it is not loaded. */
    static String haltpoll(Path parameters) {
        if (!Files.isDirectory(parameters)) {
            return null;
        }
        try (Stream<Path> params = Files.list(parameters)) {
            return params.sorted().map(p -> p.getFileName() + "=" + ProcFile.value(p))
                    .collect(Collectors.joining(", "));
        } catch (IOException e) {
            return null;
        }
    }
}
