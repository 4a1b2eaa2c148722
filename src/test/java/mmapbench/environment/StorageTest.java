package mmapbench.environment;

import mmapbench.fixture.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where the data files live: the parsers against fixture text and folders, the capture against findmnt and sysfs. */
class StorageTest {

    @TempDir
    Path dir;

    private static final String MOUNTS = """
            /dev/vda / ext4 rw,relatime 0 0
            proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
            /dev/vdb1 /data xfs rw,noatime 0 0
            tmpfs /data tmpfs rw,size=1g 0 0
            /dev/nvme0n1p2 /data/fast ext4 rw,noatime,discard 0 0
            """;

    @Test
    void theLongestMountPointAboveTheFolderWins() {
        assertEquals("/dev/nvme0n1p2 on /data/fast type ext4 (rw,noatime,discard)",
                Storage.mountOptions(MOUNTS, Path.of("/data/fast/run")));
        assertEquals("/dev/vda on / type ext4 (rw,relatime)", Storage.mountOptions(MOUNTS, Path.of("/home/me")));
        // A mount point is a whole path component: /database is not under /data.
        assertEquals("/dev/vda on / type ext4 (rw,relatime)", Storage.mountOptions(MOUNTS, Path.of("/database")));
        assertNull(Storage.mountOptions(null, Path.of("/data")));
    }

    @Test
    void ofTwoMountsOnOnePointTheLaterHidesTheEarlier() {
        assertEquals("tmpfs on /data type tmpfs (rw,size=1g)", Storage.mountOptions(MOUNTS, Path.of("/data/x")));
    }

    @Test
    void aPartitionReadsItsDisksQueue() throws Exception {
        for (String disk : new String[]{"vda", "nvme0n1"}) {
            Files.createDirectories(dir.resolve(disk).resolve("queue"));
            Files.writeString(dir.resolve(disk).resolve("queue/read_ahead_kb"), disk.length() + "128\n");
        }
        assertEquals("3128", Storage.queue(dir, "/dev/vda", "read_ahead_kb"));
        assertEquals("3128", Storage.queue(dir, "/dev/vda1", "read_ahead_kb"));
        assertEquals("7128", Storage.queue(dir, "/dev/nvme0n1", "read_ahead_kb"));
        assertEquals("7128", Storage.queue(dir, "/dev/nvme0n1p2", "read_ahead_kb"));
        assertNull(Storage.queue(dir, "/dev/sdz1", "read_ahead_kb"));
        assertNull(Storage.queue(dir, "tmpfs", "read_ahead_kb"));
    }

    @Test
    void theDataFolderIsWhatFindmntAndSysfsSay() throws Exception {
        Map<String, Object> env = Storage.capture(dir);
        assertEquals(dir.toString(), env.get("dataDir"));
        assertEquals(findmnt("FSTYPE"), env.get("filesystem"));
        assertEquals(findmnt("SOURCE"), env.get("blockDevice"));
        String mount = (String) env.get("mountOptions");
        assertEquals(findmnt("TARGET"), mount.split(" ")[2], mount);
        String disk = Shell.diskOf(dir);
        assumeTrue(disk != null, dir + " is on no block device");
        Path queue = Path.of("/sys/block", disk, "queue");
        assertEquals(Shell.output("cat", queue.resolve("read_ahead_kb").toString()), env.get("readAheadKb"));
        assertEquals(Shell.output("cat", queue.resolve("write_cache").toString()), env.get("writeCache"));
        assertEquals(Shell.output("cat", queue.resolve("rotational").toString()), env.get("rotational"));
        // The scheduler in use, not the list the kernel offers ("none [mq-deadline] kyber bfq").
        assertEquals(Shell.output("sed", "s/.*\\[\\(.*\\)\\].*/\\1/", queue.resolve("scheduler").toString()),
                env.get("ioScheduler"));
    }

    private String findmnt(String column) throws Exception {
        return Shell.output("findmnt", "-no", column, "--target", dir.toString());
    }
}
