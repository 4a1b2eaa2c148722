package mmapbench.report;

import mmapbench.fixture.ProcFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
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
        String memKb = firstMatch(Path.of("/proc/meminfo"), "^MemTotal:\\s*(\\d+) kB");
        env.put("ram", memKb == null ? null : String.format("%.1f GiB", Long.parseLong(memKb) / 1048576.0));
        env.put("kernel", read(Path.of("/proc/sys/kernel/osrelease")));
        env.put("transparentHugepages", bracketed(read(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"))));
        env.put("transparentHugepagesShmem", bracketed(read(Path.of("/sys/kernel/mm/transparent_hugepage/shmem_enabled"))));
        // The guest's idle and wake-up settings: they set the price of every blocking IPC channel.
        env.put("cpuidleDriver", Ipc.cpuidleDriver());
        env.put("cpuidleGovernor", Ipc.cpuidleGovernor());
        env.put("haltpoll", Ipc.haltpoll());
        // The dirty-page throttle's settings: with RAM, they decide when a writer is paced.
        env.put("vmDirty", dirtySettings());
        env.put("dataDir", dataDir.toString());
        try {
            FileStore store = Files.getFileStore(dataDir);
            env.put("filesystem", store.type());
            env.put("blockDevice", store.name());
            env.put("readAheadKb", readAhead(store.name()));
        } catch (IOException e) {
            env.put("filesystem", null);
        }
        env.put("commit", commit());
        env.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.version"));
        env.put("jmh", org.openjdk.jmh.util.Version.getPlainVersion());
        return env;
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
            return dirty ? head + "+changes" : head;
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
        String name = device.startsWith("/dev/") ? device.substring(5) : device;
        for (String candidate : List.of(name, name.replaceAll("p?\\d+$", ""))) {
            String value = read(Path.of("/sys/block", candidate, "queue", "read_ahead_kb"));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String bracketed(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = Pattern.compile("\\[(\\w+)]").matcher(s);
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
