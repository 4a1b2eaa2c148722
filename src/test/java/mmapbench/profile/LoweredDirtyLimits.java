package mmapbench.profile;

import mmapbench.fixture.ProcFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * vm.dirty_bytes and vm.dirty_background_bytes lowered for one test, so that a short write reaches
 * the kernel's dirty-page throttle, and put back on every exit path: {@link #close} in a finally,
 * and a shutdown hook for a JVM stopped by a signal. Writing a {@code *_bytes} file zeroes its
 * {@code *_ratio} twin, so all four are saved and whichever of each pair was in force is written back.
 * Root only: {@link #reason} says why a test cannot lower them.
 */
final class LoweredDirtyLimits implements AutoCloseable {

    private static final Path VM = Path.of("/proc/sys/vm");
    private static final List<String> SAVED = List.of("dirty_ratio", "dirty_bytes", "dirty_background_ratio",
            "dirty_background_bytes");

    private final Map<String, String> saved;
    private final Thread hook;
    private boolean restored;

    private LoweredDirtyLimits(Map<String, String> saved) {
        this.saved = saved;
        this.hook = new Thread(this::restoreQuietly, "restore vm.dirty_*");
    }

    /** Why this process cannot lower the limits (not root, a read-only /proc/sys), or null when it can. */
    static String reason() {
        long uid = ProcFile.field(ProcFile.read(Path.of("/proc/self/status")), "Uid:");
        if (uid != 0) {
            return "vm.dirty_bytes can be lowered by root only (this test runs as uid " + uid + ")";
        }
        if (!Files.isWritable(VM.resolve("dirty_bytes"))) {
            return VM.resolve("dirty_bytes") + " is not writable here (a read-only /proc/sys?)";
        }
        return null;
    }

    /** Sets vm.dirty_bytes and vm.dirty_background_bytes until {@link #close}. */
    static LoweredDirtyLimits lower(long dirtyBytes, long backgroundBytes) throws IOException {
        Map<String, String> saved = new LinkedHashMap<>();
        for (String name : SAVED) {
            String value = ProcFile.value(VM.resolve(name));
            if (value == null) {
                throw new IOException(VM.resolve(name) + " cannot be read");
            }
            saved.put(name, value);
        }
        LoweredDirtyLimits limits = new LoweredDirtyLimits(saved);
        // Registered before the first write: from then on a signal must not leave the machine throttled.
        Runtime.getRuntime().addShutdownHook(limits.hook);
        try {
            write("dirty_background_bytes", backgroundBytes);
            write("dirty_bytes", dirtyBytes);
        } catch (IOException | RuntimeException e) {
            limits.close();
            throw e;
        }
        return limits;
    }

    /** The four settings as they were when {@link #lower} was called. */
    Map<String, String> saved() {
        return saved;
    }

    @Override
    public synchronized void close() throws IOException {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs, or has run, the same restore.
        }
    }

    private synchronized void restore() throws IOException {
        if (restored) {
            return;
        }
        List<String> failed = new ArrayList<>();
        // Of each pair, the one that was in force: writing it zeroes the other, as it was.
        for (String[] pair : new String[][]{{"dirty_background_bytes", "dirty_background_ratio"},
                {"dirty_bytes", "dirty_ratio"}}) {
            String name = !"0".equals(saved.get(pair[0])) ? pair[0] : pair[1];
            try {
                Files.writeString(VM.resolve(name), saved.get(name));
            } catch (IOException e) {
                failed.add(name + "=" + saved.get(name) + " (" + e.getMessage() + ")");
            }
        }
        restored = true;
        if (!failed.isEmpty()) {
            throw new IOException("could not put back vm." + String.join(", vm.", failed) + ": set them by hand");
        }
    }

    private void restoreQuietly() {
        try {
            restore();
        } catch (IOException e) {
            System.err.println("mmap-bench test: " + e.getMessage());
        }
    }

    private static void write(String name, long value) throws IOException {
        Files.writeString(VM.resolve(name), Long.toString(value));
    }
}
