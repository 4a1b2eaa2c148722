package mmapbench.ipc;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A trial killed together with its peer (no hook ran, and the peer that deletes the shared file
 * died too) leaves its file in /dev/shm, which holds memory until deleted: the next trial or run
 * removes it, and never a live process's file nor one made a moment ago.
 */
class SharedFilesTest {

    private static Path file(String name, Duration age) throws Exception {
        Path f = Files.write(SharedFiles.SHM.resolve(name), new byte[4096]);
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(age)));
        return f;
    }

    @Test
    void filesOfTrialsKilledWithTheirPeerAreRemoved() throws Exception {
        assumeTrue(Files.isDirectory(SharedFiles.SHM) && Files.isWritable(SharedFiles.SHM), "no writable /dev/shm");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long me = ProcessHandle.current().pid();
        Path left = file(SharedFiles.PREFIX + gone.pid() + "-1a2b.shm", Duration.ofMinutes(5));
        Path justMade = file(SharedFiles.PREFIX + gone.pid() + "-3c4d.shm", Duration.ZERO);
        Path live = file(SharedFiles.PREFIX + me + "-5e6f.shm", Duration.ofMinutes(5));
        Path lecture = file(SharedFiles.PREFIX + "lecture.shm", Duration.ofMinutes(5));
        try {
            assertEquals(List.of("removed " + left + " (4096 B), left by a benchmark JVM (pid " + gone.pid()
                    + ") that was killed with its peer"), SharedFiles.removeStale());
            assertFalse(Files.exists(left));
            assertTrue(Files.exists(justMade), "a file made a moment ago may be a live trial's of another pid namespace");
            assertTrue(Files.exists(live), "a live process's file was removed");
            assertTrue(Files.exists(lecture), "the lecture demo's file is not a trial's");
        } finally {
            for (Path f : List.of(left, justMade, live, lecture)) {
                Files.deleteIfExists(f);
            }
        }
    }
}
