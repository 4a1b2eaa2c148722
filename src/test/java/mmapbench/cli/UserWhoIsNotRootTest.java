package mmapbench.cli;

import mmapbench.fixture.MemoryCgroup;
import mmapbench.fixture.OtherUser;
import mmapbench.fixture.ReadAround;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a user who is not root meets through the launcher on a machine that root also runs the
 * suite on: root's run holds the machine against it, in one line that names root's run (where it
 * got "the run failed: /tmp/mmap-bench.lock"); and what needs root is said all at once, in one
 * line. The launcher runs as nobody, its temporary folder (and so the lock) a sticky folder of
 * the test's. The test holds that lock throughout, so that nothing is ever measured, whatever the
 * launcher does.
 */
class UserWhoIsNotRootTest {

    @TempDir
    Path dir;
    private Path tmp;
    private Path data;

    @BeforeEach
    void asNobody() throws Exception {
        String why = OtherUser.unavailable();
        assumeTrue(why == null, why);
        tmp = OtherUser.sharedFolder(dir, "tmp");
        data = OtherUser.sharedFolder(dir, "data");
        Files.createDirectory(dir.resolve("cp"));
    }

    /** The launcher as nobody, its standard error, its exit status checked. */
    private String launchAsNobody(int status, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString(), "--results-dir",
                tmp.resolve("results").toString()));
        all.addAll(List.of(args));
        Process p = new ProcessBuilder(OtherUser.java(dir.resolve("cp"), List.of("-Djava.io.tmpdir=" + tmp),
                RunBench.class.getName(), all.toArray(String[]::new))).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(status, p.waitFor(), err);
        return err;
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void rootsRunHoldsTheMachineAndSaysSoInOneLine() throws Exception {
        // The lock as an older version of root's left it: 0644.
        Path lock = Files.createFile(tmp.resolve("mmap-bench.lock"));
        Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-r--r--"));
        try (RunLock held = RunLock.acquire(lock, "root's run")) {
            String err = launchAsNobody(2, "--file-size", "8m");
            assertTrue(err.matches("mmap-bench: another mmap-bench run holds this machine \\(pid "
                    + ProcessHandle.current().pid() + " of user root, started \\S+, root's run\\): two runs at once"
                    + " would spoil each other's cache states; wait for it to end, or stop it\n"), err);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void whatNeedsRootIsSaidAllAtOnce() throws Exception {
        assumeTrue(MemoryCgroup.refusal() == null, "no memory cgroup controller that root could use here");
        assumeTrue(ReadAround.queueFile(data) != null, "the test folder is on no block device");
        try (RunLock held = RunLock.acquire(tmp.resolve("mmap-bench.lock"), "this test")) {
            String err = launchAsNobody(2, "--", "RandomRead", "-p", "cache=WARM", "-p", "memoryLimit=25%", "-p",
                    "readAhead=128");
            assertTrue(err.matches("mmap-bench: memoryLimit needs to create a memory cgroup under \\S+, which this user"
                    + " cannot write: run as root \\(or delegate that cgroup to this user\\), or use -p memoryLimit=none;"
                    + " and -p readAhead=128 sets \\S+, which needs root: run as root, or use -p readAhead=device \\(the"
                    + " device's own \\d+ KiB\\)\n"), err);
        }
    }
}
