package mmapbench.environment;

import mmapbench.fixture.ProcFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the kernel does with memory on its own: DAMON reclaiming idle pages, and when it throttles writers. */
final class MemorySettings {

    private static final Path KDAMONDS = Path.of("/sys/kernel/mm/damon/admin/kdamonds");
    private static final Path VM = Path.of("/proc/sys/vm");
    private static final Path LRU_GEN = Path.of("/sys/kernel/mm/lru_gen/enabled");
    private static final Path VMSTAT = Path.of("/proc/vmstat");
    private static final Path MEMINFO = Path.of("/proc/meminfo");

    /** vm.dirty_*, in the order the kernel documents them. */
    private static final List<String> DIRTY = List.of("dirty_ratio", "dirty_bytes", "dirty_background_ratio",
            "dirty_background_bytes", "dirty_expire_centisecs", "dirty_writeback_centisecs");

    private MemorySettings() {
    }

    static Map<String, Object> capture() {
        Map<String, Object> env = new LinkedHashMap<>();
        // A kernel that pages out idle memory on its own evicts a file's cache between runs.
        env.put("damon", damon(KDAMONDS));
        // The dirty-page throttle's settings: with RAM, they decide when a writer is paced.
        env.put("vmDirty", dirty(VM));
        return env;
    }

    /**
     * mglru to memAvailableBeforeKb, added after every key the first capture has always written:
     * how the kernel picks pages to evict, how it counts a memoryLimit's memory, and where the
     * dirty-page throttle starts on this machine now (the thresholds follow free memory).
     */
    static Map<String, Object> atStart() {
        Map<String, Object> env = new LinkedHashMap<>();
        // The multi-generational LRU evicts by other rules than the two-list one: null where the kernel has none.
        env.put("mglru", ProcFile.value(LRU_GEN));
        env.put("cgroupVersion", cgroupVersion(ProcFile.read(Path.of("/proc/self/mounts"))));
        env.put("dirtyThresholds", dirtyThresholds(ProcFile.read(VMSTAT)));
        long available = ProcFile.field(ProcFile.read(MEMINFO), "MemAvailable:");
        env.put("memAvailableBeforeKb", available < 0 ? null : available);
        return env;
    }

    /**
     * "v2" where only the unified hierarchy is mounted, "v1" where only controller hierarchies are,
     * "hybrid" where both are (v1 controllers with a unified tree beside them, as systemd's hybrid
     * mode mounts them); null with none, from the text of /proc/self/mounts.
     */
    static String cgroupVersion(String mounts) {
        if (mounts == null) {
            return null;
        }
        boolean v1 = false;
        boolean v2 = false;
        for (String line : mounts.split("\n")) {
            String[] f = line.split(" ");
            if (f.length >= 3) {
                v1 |= f[2].equals("cgroup");
                v2 |= f[2].equals("cgroup2");
            }
        }
        return v1 && v2 ? "hybrid" : v2 ? "v2" : v1 ? "v1" : null;
    }

    /** nr_dirty_threshold and nr_dirty_background_threshold of /proc/vmstat, in pages; null each where absent. */
    static Map<String, Long> dirtyThresholds(String vmstat) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name : List.of("nr_dirty_threshold", "nr_dirty_background_threshold")) {
            long pages = ProcFile.field(vmstat, name + " ");
            out.put(name, pages < 0 ? null : pages);
        }
        return out;
    }

    /** Each vm.dirty_* setting's value as the files under {@code vm} hold it; null for one that is not there. */
    static Map<String, String> dirty(Path vm) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : DIRTY) {
            out.put(name, ProcFile.value(vm.resolve(name)));
        }
        return out;
    }

    /**
     * The DAMON schemes that run (kdamonds whose state is "on") under the sysfs folder
     * {@code kdamonds}, one line each: their action on which memory (e.g. pageout of memory idle
     * for 60 s or more, up to 128 MiB a second); "off" when none runs, null where the kernel has no
     * DAMON sysfs.
     */
    static Object damon(Path kdamonds) {
        if (!Files.isDirectory(kdamonds)) {
            return null;
        }
        List<String> schemes = new ArrayList<>();
        try {
            for (Path kdamond : folders(kdamonds)) {
                String state = ProcFile.value(kdamond.resolve("state"));
                if (state == null) {
                    // The state file is root's alone (mode 0600).
                    return "unknown: " + kdamond.resolve("state") + " is readable by root only";
                }
                if (!"on".equals(state)) {
                    continue;
                }
                for (Path context : folders(kdamond.resolve("contexts"))) {
                    String ops = ProcFile.value(context.resolve("operations"));
                    long aggregateUs = number(context.resolve("monitoring_attrs/intervals/aggr_us"));
                    for (Path scheme : folders(context.resolve("schemes"))) {
                        schemes.add(scheme(kdamond, ops, aggregateUs, scheme));
                    }
                }
            }
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
        return schemes.isEmpty() ? "off" : schemes;
    }

    /** The numbered sub-folders (kdamonds/0, contexts/0, schemes/0), in order; the count files are skipped. */
    private static List<Path> folders(Path dir) throws IOException {
        try (var all = Files.list(dir)) {
            return all.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static String scheme(Path kdamond, String ops, long aggregateUs, Path scheme) {
        long minAge = number(scheme.resolve("access_pattern/age/min"));
        long maxAccesses = number(scheme.resolve("access_pattern/nr_accesses/max"));
        long quotaBytes = number(scheme.resolve("quotas/bytes"));
        long resetMs = number(scheme.resolve("quotas/reset_interval_ms"));
        return String.format(Locale.ROOT, "kdamond %s (%s): %s of memory seen accessed in at most %d"
                        + " samples per aggregation, for %.0f s or more%s", kdamond.getFileName(), ops,
                ProcFile.value(scheme.resolve("action")), maxAccesses, minAge * aggregateUs / 1e6,
                quotaBytes > 0 && resetMs > 0 ? String.format(Locale.ROOT, ", up to %d MiB per %d ms",
                        quotaBytes >> 20, resetMs) : "");
    }

    private static long number(Path file) {
        String s = ProcFile.value(file);
        try {
            return s == null ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
