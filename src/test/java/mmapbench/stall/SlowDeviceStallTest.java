package mmapbench.stall;

import mmapbench.fixture.DataFile;
import mmapbench.fixture.JvmOptions;
import mmapbench.fixture.ProcFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real forced stall: the data's device made slow for the reader alone (cgroup v1 block-I/O
 * throttle, 20 reads a second, root), 40 random 4 KiB reads of an evicted file with MADV_RANDOM.
 * Through the mapping every read is a fault of about 50 ms in Java code, and every collection
 * the bystander needs waits for it; through pread the same waits are in native code. The
 * stall shows in the bystander's hiccups and the time to safepoint for the mapping, not for pread.
 */
class SlowDeviceStallTest {

    private static final Path BLKIO = Path.of("/sys/fs/cgroup/blkio");

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aMappedReadOfASlowDeviceStallsTheBystanderAndPreadDoesNot() throws Exception {
        assumeTrue(Files.isWritable(BLKIO.resolve("cgroup.procs"))
                && Files.exists(BLKIO.resolve("blkio.throttle.read_iops_device")), "needs cgroup v1 blkio, as root");
        Path file = DataFile.ensure(dir, DataFile.Kind.READ, 16 << 20, new PrintStream(PrintStream.nullOutputStream()));
        String name = Files.getFileStore(file).name().replaceFirst("^/dev/", "");
        String device = ProcFile.value(Path.of("/sys/class/block", name, "dev"));
        assumeTrue(device != null, "the test folder's device has no /sys/class/block entry: " + name);
        Path cgroup = BLKIO.resolve("mmapbench-test-" + ProcessHandle.current().pid());
        Files.createDirectories(cgroup);
        try {
            Files.writeString(cgroup.resolve("blkio.throttle.read_iops_device"), device + " 20");
            Matcher mapped = run("memorySegment", file, cgroup);
            Matcher pread = run("fileChannel", file, cgroup);
            assertTrue(Long.parseLong(mapped.group("ttsp")) > 20_000_000, "TTSP behind a slow fault: " + mapped.group());
            assertTrue(Long.parseLong(mapped.group("hiccup")) > 20_000_000, "the bystander behind it: " + mapped.group());
            assertTrue(Long.parseLong(pread.group("ttsp")) < 10_000_000, "TTSP beside a slow pread: " + pread.group());
            assertTrue(Long.parseLong(pread.group("hiccup")) < 20_000_000, "the bystander beside it: " + pread.group());
        } finally {
            Files.delete(cgroup);
        }
    }

    private static final Pattern STALL = Pattern.compile("hiccupMaxNanos=(?<hiccup>\\d+).*ttspMaxNanos=(?<ttsp>\\d+)");

    private static Matcher run(String method, Path file, Path cgroup) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, JvmOptions.NATIVE_ACCESS, "-Xms256m", "-Xmx256m", "-Xmn16m",
                "-XX:+AlwaysPreTouch", "-cp", System.getProperty("java.class.path"),
                SlowDeviceReaderMain.class.getName(), method, file.toString(), cgroup.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        Matcher m = STALL.matcher(out);
        assertTrue(m.find(), out);
        System.out.println(method + ": " + m.group());
        return m;
    }
}
