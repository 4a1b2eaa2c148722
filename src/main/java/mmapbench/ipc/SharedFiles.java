package mmapbench.ipc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Where the IPC benchmarks put their shared files and sockets, and how they name them. */
final class SharedFiles {

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

    /** A new, empty, owner-only (0600) file with a name that no other run uses. */
    static Path create(Path folder, String kind) throws IOException {
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
