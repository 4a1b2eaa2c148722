package mmapbench.cli;

import mmapbench.fixture.OtherUser;
import mmapbench.fixture.TestFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JMH's own lock: where this user cannot open it (root's, 0644), JMH skips it and a line says
 * so, instead of failing every leg; where another JMH run holds it, the run is refused before it
 * writes anything, instead of in its first leg.
 */
class JmhLockTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void rootsJmhLockDoesNotStopAUserWhoIsNotRoot() throws Exception {
        String why = OtherUser.unavailable();
        Assumptions.assumeTrue(why == null, why);
        Path tmp = OtherUser.sharedFolder(dir, "tmp");
        Path lock = Files.createFile(tmp.resolve(JmhLock.FILE));
        Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-r--r--"));
        Path cp = Files.createDirectory(dir.resolve("cp"));
        Process p = new ProcessBuilder(OtherUser.java(cp, List.of("-Djava.io.tmpdir=" + tmp),
                JmhLockMain.class.getName(), lock.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("mmap-bench: note: JMH's own lock " + lock + " (owner root, mode rw-r--r--) cannot be"
                + " opened by user nobody, so JMH is told to skip it (-Djmh.ignoreLock=true): mmap-bench's lock still"
                + " keeps every other mmap-bench run out, but not other JMH suites; chmod 666 " + lock + " as its"
                + " owner puts it back\n"), out);
        // JMH went past its lock, to the benchmarks (of which this run matches none).
        assertTrue(out.contains("runner: No benchmarks to run; check the include/exclude regexps.\n"), out);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anotherJmhRunIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path results = dir.resolve("results");
        Path ours = dir.resolve("mmap-bench.lock");
        Path jmh = dir.resolve(JmhLock.FILE);
        // Another JMH suite's run: JMH's own fcntl lock, taken as JMH takes it.
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), JmhLockHolderMain.class.getName(), jmh.toString())
                .redirectErrorStream(true).start();
        try {
            assertEquals("locked\n", new String(other.getInputStream().readNBytes(7), StandardCharsets.UTF_8));
            List<String> args = new ArrayList<>(List.of("--data-dir", data.toString(), "--results-dir",
                    results.toString()));
            args.addAll(RunLifeTest.SHORT);
            // Were it not refused, no fork would start: nothing is ever measured here.
            args.addAll(List.of("-jvmArgsAppend", "-XX:+NoSuchOptionAnywhere"));
            UsageException e = assertThrows(UsageException.class, () -> RunBench.run(
                    Arguments.parse(args.toArray(String[]::new)), new PrintStream(new ByteArrayOutputStream()), ours));
            assertEquals("another JMH run holds JMH's lock " + jmh + " (a benchmark outside mmap-bench?): two at once"
                    + " would spoil each other's numbers; wait for it to end, or stop it", e.getMessage());
        } finally {
            other.destroyForcibly().waitFor();
        }
        assertEquals(List.of(), TestFiles.names(data), "a data file was written");
        assertFalse(Files.exists(results), "a results folder was made");
    }
}
