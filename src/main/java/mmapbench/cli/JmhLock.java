package mmapbench.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * JMH's own lock, {@code jmh.lock} in the temporary folder, which JMH's {@code Runner} takes
 * around every leg: it keeps other JMH suites (which would spoil the numbers as surely as a second
 * mmap-bench run) out, so it is kept wherever it works. JMH opens it read-write with
 * {@code O_CREAT}; where this user cannot (another user's file that is not writable for all, or
 * {@code fs.protected_regular} refusing {@code O_CREAT} on it in a sticky folder), JMH would fail
 * every leg, so JMH is told to skip it ({@code jmh.ignoreLock}, read once when JMH's Runner
 * loads): {@link RunLock} still holds the machine against every other mmap-bench run, whoever
 * started it, and a line says what is no longer kept out. Checked before anything is written: a
 * JMH run of someone else's that holds it refuses this run, instead of its first leg.
 */
final class JmhLock {

    static final String FILE = "jmh.lock";
    /** JMH's switch: skip the lock. */
    static final String IGNORE = "jmh.ignoreLock";

    private JmhLock() {
    }

    /**
     * Refuses the run while another JMH holds {@code file}; where this user cannot open it, tells
     * JMH to skip it and returns the line that says so; else null.
     *
     * @throws UsageException while another process holds JMH's lock
     */
    static String check(Path file) throws UsageException {
        // Opened as JMH opens it (RandomAccessFile "rw": O_RDWR | O_CREAT), so that it fails where JMH's would.
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            FileLock lock;
            try {
                lock = raf.getChannel().tryLock();
            } catch (OverlappingFileLockException e) {
                // This JVM holds it: a JMH run of its own is under way.
                lock = null;
            }
            if (lock == null) {
                throw new UsageException("another JMH run holds JMH's lock " + file + " (a benchmark outside"
                        + " mmap-bench?): two at once would spoil each other's numbers; wait for it to end, or stop it");
            }
            lock.release();
            return null;
        } catch (FileNotFoundException e) {
            // What RandomAccessFile throws when the open fails, for EACCES too.
            System.setProperty(IGNORE, "true");
            return "note: JMH's own lock " + file + describe(file) + " cannot be opened by user "
                    + System.getProperty("user.name") + ", so JMH is told to skip it (-D" + IGNORE + "=true):"
                    + " mmap-bench's lock still keeps every other mmap-bench run out, but not other JMH suites;"
                    + " chmod 666 " + file + " as its owner puts it back";
        } catch (IOException e) {
            System.setProperty(IGNORE, "true");
            return "note: JMH's own lock " + file + " cannot be used (" + e.getMessage() + "), so JMH is told to skip"
                    + " it (-D" + IGNORE + "=true): mmap-bench's lock still keeps every other mmap-bench run out,"
                    + " but not other JMH suites";
        }
    }

    /** " (owner root, mode rw-r--r--)", or nothing where it cannot be read. */
    private static String describe(Path file) {
        try {
            return " (owner " + Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName() + ", mode "
                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS))
                    + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
