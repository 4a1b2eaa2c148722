package mmapbench.environment;

import mmapbench.fixture.ProcFile;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where the run keeps its data files: the file system, its mount, and the block device under it. */
final class Storage {

    private static final Path SYS_BLOCK = Path.of("/sys/block");

    private Storage() {
    }

    /** dataDir to rotational; only dataDir and a null filesystem when the folder's file system cannot be found. */
    static Map<String, Object> capture(Path dataDir) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("dataDir", dataDir.toString());
        FileStore store;
        try {
            store = Files.getFileStore(dataDir);
        } catch (IOException e) {
            env.put("filesystem", null);
            return env;
        }
        String device = store.name();
        env.put("filesystem", store.type());
        env.put("blockDevice", device);
        env.put("readAheadKb", queue(SYS_BLOCK, device, "read_ahead_kb"));
        env.put("mountOptions", mountOptions(ProcFile.read(Path.of("/proc/self/mounts")), realPath(dataDir)));
        // "write back": the device acknowledges a write before it is durable, and fsync asks for a flush.
        env.put("writeCache", queue(SYS_BLOCK, device, "write_cache"));
        env.put("ioScheduler", SystemText.bracketed(queue(SYS_BLOCK, device, "scheduler")));
        env.put("rotational", queue(SYS_BLOCK, device, "rotational"));
        return env;
    }

    private static Path realPath(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath().normalize();
        }
    }

    /**
     * The mount of /proc/self/mounts ({@code mounts}) that holds {@code dir}, as "device on point
     * type fs (options)": the longest mount point above it wins; null when there is none.
     */
    static String mountOptions(String mounts, Path dir) {
        if (mounts == null) {
            return null;
        }
        String best = null;
        int bestLength = -1;
        for (String line : mounts.split("\n")) {
            String[] f = line.split(" ");
            // Of two mounts on one point the later hides the earlier: ">=" keeps the later.
            if (f.length >= 4 && dir.startsWith(Path.of(f[1])) && f[1].length() >= bestLength) {
                bestLength = f[1].length();
                best = f[0] + " on " + f[1] + " type " + f[2] + " (" + f[3] + ")";
            }
        }
        return best;
    }

    /**
     * A file of the request queue under {@code sysBlock} (/sys/block) of a device such as /dev/vda
     * or /dev/nvme0n1p2: a partition has no queue of its own, so it reads its disk's. Null when there is none.
     */
    static String queue(Path sysBlock, String device, String name) {
        String dev = device.startsWith("/dev/") ? device.substring(5) : device;
        for (String candidate : List.of(dev, dev.replaceAll("p?\\d+$", ""))) {
            String value = ProcFile.value(sysBlock.resolve(candidate).resolve("queue").resolve(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
