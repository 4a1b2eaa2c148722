package mmapbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run at a time on a machine, whichever user starts it: two runs destroy each other's cache
 * states (one's eviction is the other's cold start) and share two CPUs, and the page cache is the
 * machine's, not a user's. The lock is a {@code flock} on one file in the system's temporary
 * folder ({@link LockFile}: through a read-only descriptor where another user's file allows no
 * more), which the kernel releases when the process dies, however it dies: a killed run never
 * blocks the next one. The file is readable and writable for every user and says who holds it,
 * for the refusal; where the holder could not write it, {@code /proc/locks} still names its pid.
 *
 * <p>Runs of versions before this one took an {@code fcntl} lock on the same file, which a
 * {@code flock} does not see: a run of an older checkout and one of this one do not exclude each
 * other.
 */
final class RunLock implements AutoCloseable {

    private static final Pattern PID = Pattern.compile("^pid (\\d+)\\b");

    /** The lock file: one per machine (per temporary folder), whichever checkout runs. */
    static Path defaultFile() {
        return Path.of(System.getProperty("java.io.tmpdir"), "mmap-bench.lock");
    }

    private final LockFile file;

    private RunLock(LockFile file) {
        this.file = file;
    }

    /**
     * Takes the machine for this run, or refuses in one line that names the run that holds it, or
     * what is wrong with the lock file and the fix.
     *
     * @throws UsageException when another live run holds the lock, or the file cannot be used
     */
    static RunLock acquire(Path path, String what) throws UsageException, IOException {
        LockFile file;
        try {
            file = LockFile.open(path);
        } catch (LockFile.Failure e) {
            throw new UsageException(cannotOpen(path, e));
        }
        boolean locked;
        try {
            locked = file.tryLock();
        } catch (LockFile.Failure e) {
            // NFS emulates flock with fcntl locks, which a read-only descriptor cannot take.
            file.close();
            throw new UsageException("the run lock " + path + " cannot be locked by user "
                    + System.getProperty("user.name") + " (" + LockFile.strerror(e.errno) + "): remove it as its owner"
                    + " or root (rm " + path + "); a run makes it anew, readable and writable for every user");
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        if (!locked) {
            String holder = holder(path, file);
            file.close();
            throw new UsageException("another mmap-bench run holds this machine (" + holder + "): two runs at once"
                    + " would spoil each other's cache states; wait for it to end, or stop it");
        }
        if (file.writable()) {
            try {
                file.write("pid " + ProcessHandle.current().pid() + " of user " + System.getProperty("user.name")
                        + ", started " + OffsetDateTime.now().withNano(0) + ", " + what);
            } catch (IOException e) {
                // A full temporary folder: the lock holds all the same, and /proc/locks names this run.
            }
        }
        return new RunLock(file);
    }

    /** Who holds the lock: the holder's own line, else its pid from /proc/locks, else the file. */
    private static String holder(Path path, LockFile file) {
        try {
            String text = file.read().strip();
            Matcher m = PID.matcher(text);
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
                return text;
            }
        } catch (IOException | RuntimeException e) {
            // Named below by its pid, or its file.
        }
        Long pid = flockHolder(path);
        if (pid == null) {
            return "lock " + path;
        }
        String user;
        try {
            user = " of user " + Files.getOwner(Path.of("/proc", pid.toString())).getName();
        } catch (IOException | RuntimeException e) {
            user = "";
        }
        return "pid " + pid + user + ", lock " + path;
    }

    /**
     * The pid that holds a {@code flock} on {@code path}, from {@code /proc/locks}, whose lines read
     * {@code 1: FLOCK ADVISORY WRITE <pid> <major>:<minor>:<inode> 0 EOF}; null when none is listed.
     */
    static Long flockHolder(Path path) {
        try {
            long ino = (Long) Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            long dev = (Long) Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
            long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
            String id = String.format("%02x:%02x:%d", major, minor, ino);
            List<String> lines = Files.readAllLines(Path.of("/proc/locks"));
            for (String line : lines) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 6 && f[1].equals("FLOCK") && f[5].equals(id)) {
                    return Long.parseLong(f[4]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc/locks, or a file that is gone: nothing to name.
        }
        return null;
    }

    /** Why the lock file cannot be used, in one line with the fix. */
    private static String cannotOpen(Path path, LockFile.Failure e) {
        String me = System.getProperty("user.name");
        switch (e.errno) {
            case LockFile.ELOOP:
                return "the run lock " + path + " is a symbolic link, which mmap-bench does not follow (it would write"
                        + " wherever the link points): remove it (rm " + path + ")";
            case LockFile.NOT_REGULAR:
                return "the run lock " + path + " is not a regular file: remove it (rm " + path + ")";
            case LockFile.EACCES:
                if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    String owner = "another user";
                    String mode = "";
                    try {
                        owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
                        mode = ", mode " + PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
                    } catch (IOException | RuntimeException ignored) {
                        // Said without them.
                    }
                    return "the run lock " + path + " (owner " + owner + mode + ") cannot be read by user " + me
                            + ": remove it as " + (owner.equals("root") ? "root" : owner + " or root") + " (rm " + path
                            + "); a run makes it readable and"
                            + " writable for every user";
                }
                return "the run lock " + path + " cannot be made: user " + me + " may not write " + path.getParent()
                        + "; make it writable for every user, as a temporary folder is (chmod 1777 " + path.getParent()
                        + ")";
            default:
                return "the run lock " + path + " cannot be opened (" + LockFile.strerror(e.errno) + "): it keeps one"
                        + " run at a time on this machine, and " + path.getParent() + " must let every user make it";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (file.writable()) {
                file.truncate();
            }
        } finally {
            file.close();
        }
    }
}
