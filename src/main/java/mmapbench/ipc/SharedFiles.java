package mmapbench.ipc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the IPC benchmarks put their shared files and sockets, and how they name them. */
public final class SharedFiles {

    /** Every file this suite makes in /dev/shm or the temp folder starts with this. */
    static final String PREFIX = "mmapbench-";
    static final Path SHM = Path.of("/dev/shm");

    private SharedFiles() {
    }

    /** /dev/shm where it exists; else the temp folder, with a warning, since that may be a disk. */
    static Path folder() {
        if (Files.isDirectory(SHM) && Files.isWritable(SHM)) {
            return SHM;
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        System.err.println("mmap-bench: warning: no writable /dev/shm; the shared file goes to " + tmp
                + ", which may be on a disk");
        return tmp;
    }

    /** A file of a trial's: its pid, then a unique part, then its kind. */
    private static final Pattern TRIALS = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-[0-9a-f]+\\.(shm|sock)$");
    /**
     * How old a file of a process that is gone must be to count as left behind: one a live trial of
     * another pid namespace (a container sharing /dev/shm) just made is seconds old when its peer opens it.
     */
    private static final Duration STALE = Duration.ofMinutes(1);

    /**
     * Deletes what IPC trials left when both they and their peer were killed (SIGKILL, the OOM
     * killer: no hook ran, and the peer, which deletes the file when its parent dies, died too):
     * files of ours in /dev/shm and the temporary folder named after a pid that is gone and older
     * than a minute. A file in /dev/shm is memory, held until it is deleted.
     *
     * @return one line per file removed
     */
    public static List<String> removeStale() {
        List<String> removed = new ArrayList<>();
        for (Path dir : List.of(SHM, Path.of(System.getProperty("java.io.tmpdir")))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*")) {
                for (Path f : files) {
                    Matcher m = TRIALS.matcher(f.getFileName().toString());
                    if (!m.matches() || ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive)
                            .orElse(false)) {
                        continue;
                    }
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.lastModifiedTime().toInstant().isAfter(Instant.now().minus(STALE))) {
                        continue;
                    }
                    if (Files.deleteIfExists(f)) {
                        removed.add("removed " + f + " (" + a.size() + " B), left by a benchmark JVM (pid " + m.group(1)
                                + ") that was killed with its peer");
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Another user's file, a folder that went away: nothing of ours to remove there.
            }
        }
        return removed;
    }

    /** A new, empty, owner-only (0600) file with a name that no other run uses. */
    static Path create(Path folder, String kind) throws IOException {
        removeStale().forEach(line -> System.out.println("mmap-bench: " + line));
        String name = PREFIX + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()) + "." + kind;
        return Files.createFile(folder.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    /** A unique path for a Unix domain socket: not created, since bind makes it. */
    static Path socketPath() {
        // sun_path holds 108 bytes: keep the name short and the folder short.
        return Path.of(System.getProperty("java.io.tmpdir")).resolve(PREFIX + ProcessHandle.current().pid() + "-"
                + Long.toHexString(System.nanoTime()) + ".sock");
    }
}
