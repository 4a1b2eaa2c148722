package mmapbench.cli;

import mmapbench.fixture.OtherUser;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One run at a time holds between users: a user who is not root takes the machine where root ran
 * before (root's lock file is 0644, as older versions left it), root is refused while that user's
 * run holds it and the other way round, each refusal naming the holder; and what is put in the
 * lock file's place (a symbolic link, a FIFO) is refused in one line, never followed or waited on.
 */
class RunLockTest {

    @TempDir
    Path dir;

    /** The lock file as an older version left it when root ran: root's, 0644. */
    private Path rootsOldLock(Path tmp) throws IOException {
        Path lock = Files.createFile(tmp.resolve("mmap-bench.lock"));
        Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-r--r--"));
        return lock;
    }

    private Process holdAsNobody(Path lock, String what) throws IOException {
        return new ProcessBuilder(OtherUser.java(dir.resolve("cp"), List.of(), LockHolderMain.class.getName(),
                lock.toString(), what)).redirectErrorStream(true).start();
    }

    private static String firstLine(Process p) throws IOException {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aUserWhoIsNotRootTakesTheMachineFromRootsOldLockAndRootWaits() throws Exception {
        String why = OtherUser.unavailable();
        Assumptions.assumeTrue(why == null, why);
        Files.createDirectory(dir.resolve("cp"));
        Path tmp = OtherUser.sharedFolder(dir, "tmp");
        Path lock = rootsOldLock(tmp);

        // nobody may only read root's 0644 file: that is enough for the lock, but not to write who holds it.
        Process nobody = holdAsNobody(lock, "nobody's run");
        try {
            assertEquals("locked", firstLine(nobody));
            UsageException e = assertThrows(UsageException.class, () -> RunLock.acquire(lock, "root's run"));
            assertEquals("another mmap-bench run holds this machine (pid " + nobody.pid() + " of user nobody, lock "
                    + lock + "): two runs at once would spoil each other's cache states; wait for it to end, or"
                    + " stop it", e.getMessage());
        } finally {
            nobody.destroyForcibly().waitFor();
        }

        // Root's next run makes the file writable for every user, so that the holder can say who it is.
        RunLock.acquire(lock, "root's run").close();
        assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(lock)));
        Process again = holdAsNobody(lock, "nobody's second run");
        try {
            assertEquals("locked", firstLine(again));
            UsageException e = assertThrows(UsageException.class, () -> RunLock.acquire(lock, "root's run"));
            assertTrue(e.getMessage().matches("another mmap-bench run holds this machine \\(pid " + again.pid()
                    + " of user nobody, started \\S+, nobody's second run\\): .*"), e.getMessage());
        } finally {
            again.destroyForcibly().waitFor();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void rootsRunHoldsTheMachineAgainstAUserWhoIsNotRoot() throws Exception {
        String why = OtherUser.unavailable();
        Assumptions.assumeTrue(why == null, why);
        Files.createDirectory(dir.resolve("cp"));
        Path lock = OtherUser.sharedFolder(dir, "tmp").resolve("mmap-bench.lock");
        try (RunLock held = RunLock.acquire(lock, "root's run")) {
            Process nobody = holdAsNobody(lock, "nobody's run");
            String line = firstLine(nobody);
            assertEquals(2, nobody.waitFor());
            assertTrue(line.matches("refused: another mmap-bench run holds this machine \\(pid "
                    + ProcessHandle.current().pid() + " of user root, started \\S+, root's run\\): two runs at once"
                    + " would spoil each other's cache states; wait for it to end, or stop it"), line);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aLockThatAUserCannotReadIsNamedWithTheFix() throws Exception {
        String why = OtherUser.unavailable();
        Assumptions.assumeTrue(why == null, why);
        Files.createDirectory(dir.resolve("cp"));
        Path lock = Files.createFile(OtherUser.sharedFolder(dir, "tmp").resolve("mmap-bench.lock"));
        Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-------"));
        Process nobody = holdAsNobody(lock, "nobody's run");
        String line = firstLine(nobody);
        assertEquals(2, nobody.waitFor());
        assertEquals("refused: the run lock " + lock + " (owner root, mode rw-------) cannot be read by user nobody:"
                + " remove it as root (rm " + lock + "); a run makes it readable and writable for every user", line);
    }

    @Test
    void aNewLockIsWritableForEveryUserWhateverTheUmask() throws Exception {
        Path lock = dir.resolve("mmap-bench.lock");
        RunLock.acquire(lock, "a run").close();
        assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(lock)));
    }

    @Test
    void aSymbolicLinkInTheLocksPlaceIsNotFollowed() throws Exception {
        Path precious = Files.writeString(dir.resolve("precious"), "someone's file");
        Path lock = Files.createSymbolicLink(dir.resolve("mmap-bench.lock"), precious);
        UsageException e = assertThrows(UsageException.class, () -> RunLock.acquire(lock, "a run"));
        assertEquals("the run lock " + lock + " is a symbolic link, which mmap-bench does not follow (it would write"
                + " wherever the link points): remove it (rm " + lock + ")", e.getMessage());
        assertEquals("someone's file", Files.readString(precious));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFifoInTheLocksPlaceIsRefusedWithoutWaiting() throws Exception {
        Path lock = dir.resolve("mmap-bench.lock");
        assertEquals(0, new ProcessBuilder("mkfifo", lock.toString()).start().waitFor());
        UsageException e = assertThrows(UsageException.class, () -> RunLock.acquire(lock, "a run"));
        assertEquals("the run lock " + lock + " is not a regular file: remove it (rm " + lock + ")", e.getMessage());
    }
}
