package mmapbench.cli;

import mmapbench.fixture.DataFolder;
import mmapbench.fixture.JvmOptions;
import mmapbench.fixture.TestFiles;
import mmapbench.report.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run loses nothing it finished and leaves nothing behind: an interrupted run keeps its finished
 * legs with a report that says it is partial, a run killed while writing a data file does not
 * block the next, a second run at once is refused before it writes, and a run that finishes no
 * leg leaves no results folder.
 */
class RunLifeTest {

    /** Short legs on a small file: one fork, one short iteration, one API. */
    static final List<String> SHORT = List.of("--file-size", "8m", "--", "RandomReadBenchmark.fileChannel$", "-p", "blockSize=8",
            "-p", "access=INDEPENDENT", "-f", "1", "-wi", "0", "-i", "1", "-r", "100ms");

    @TempDir
    Path dir;

    private List<String> args(Path data, Path results, List<String> more) {
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString(), "--results-dir", results.toString()));
        all.addAll(more);
        return all;
    }

    private Process launch(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS,
                "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"), RunBench.class.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anInterruptedRunKeepsItsFinishedLegsAndSaysItIsPartial() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path results = dir.resolve("results");
        // What a run killed while it wrote a data file leaves behind: its process is gone.
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path leftover = data.resolve("read-8388608.dat.tmp-" + gone.pid());
        try (RandomAccessFile f = new RandomAccessFile(leftover.toFile(), "rw")) {
            f.write(new byte[1 << 20]);
        }
        Process run = launch(args(data, results, SHORT));
        StringBuilder seen = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith("mmap-bench: leg 2 of 2")) {
                    // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C. (Through the handle:
                    // Process.destroy would also close the stream this loop reads.)
                    run.toHandle().destroy();
                }
            }
        }
        run.waitFor();
        String out = seen.toString();
        assertTrue(out.contains("mmap-bench: removed 1 half-written file of runs that are gone (" + leftover.getFileName()
                + "): 1.0 MiB freed"), out);
        assertFalse(Files.exists(leftover));
        assertTrue(out.contains("mmap-bench: interrupted during leg 2 of 2 (random reads, WARM, 65536 ops per iteration"
                + " (access=INDEPENDENT))"), out);
        List<String> runs = TestFiles.names(results);
        assertEquals(1, runs.size(), runs.toString());
        Path runDir = results.resolve(runs.getFirst());
        String json = Files.readString(runDir.resolve(RunFolder.RESULT_FILE));
        assertTrue(json.contains("\"cache\" : \"COLD\""), "leg 1's rows are kept");
        assertFalse(json.contains("\"cache\" : \"WARM\""), "leg 2 did not finish");
        RunStatus status = RunStatus.beside(runDir.resolve(RunFolder.RESULT_FILE));
        assertEquals(new RunStatus(2, 1, "interrupted (SIGINT or SIGTERM) during leg 2 of 2 (random reads, WARM, 65536"
                + " ops per iteration (access=INDEPENDENT))"), status);
        assertTrue(Files.readString(runDir.resolve("report.md")).contains(status.warning()), "the report says it is partial");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aRunThatFinishesNoLegLeavesNoResultsFolder() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path results = dir.resolve("results");
        List<String> failing = new ArrayList<>(SHORT);
        // Every fork fails to start.
        failing.addAll(List.of("-jvmArgsAppend", "-XX:+NoSuchOptionAnywhere"));
        Process run = launch(args(data, results, failing));
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, run.waitFor(), out);
        assertTrue(out.contains("; no leg finished, so nothing was kept"), out);
        assertEquals(List.of(), TestFiles.names(results), "an empty results folder was left");
    }

    @Test
    void aSecondRunIsRefusedBeforeItWritesAnything() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path results = dir.resolve("results");
        Path lock = dir.resolve("lock");
        try (RunLock held = RunLock.acquire(lock, "the first run")) {
            UsageException e = assertThrows(UsageException.class, () -> RunBench.run(
                    Arguments.parse(args(data, results, SHORT).toArray(String[]::new)),
                    new PrintStream(new ByteArrayOutputStream()), lock));
            assertTrue(e.getMessage().matches("another mmap-bench run holds this machine \\(pid "
                    + ProcessHandle.current().pid() + " of user " + System.getProperty("user.name")
                    + ", started \\S+, the first run\\): two runs at once would spoil each other's cache states; wait"
                    + " for it to end, or stop it"), e.getMessage());
        }
        assertEquals(List.of(), TestFiles.names(data), "a data file was written");
        assertFalse(Files.exists(results), "a results folder was made");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aKilledRunDoesNotHoldTheMachine() throws Exception {
        Path lock = dir.resolve("lock");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                JvmOptions.NATIVE_ACCESS, "-cp", System.getProperty("java.class.path"), LockHolderMain.class.getName(),
                lock.toString())
                .redirectErrorStream(true).start();
        assertEquals("locked", new BufferedReader(new InputStreamReader(holder.getInputStream())).readLine());
        assertThrows(UsageException.class, () -> RunLock.acquire(lock, "second").close());
        holder.destroyForcibly().waitFor();
        RunLock.acquire(lock, "after the kill").close();
    }

    /** A run killed without its hooks (SIGKILL, a crash, a power cut) after a leg: its folder says it did not end. */
    @Test
    void aRunKilledAfterALegLeavesAStatusThatSaysItDidNotEnd() throws Exception {
        List<LegPlanner.Planned> plan = LegPlanner.plan(Profile.QUICK, new org.openjdk.jmh.runner.options.CommandLineOptions(),
                List.of("8388608"), dir);
        Path json = Files.createDirectory(dir.resolve("run")).resolve(RunFolder.RESULT_FILE);
        Files.copy(Path.of("src/test/resources/golden/a.json"), json);
        new Progress(json, plan, new PrintStream(new ByteArrayOutputStream())).finished(1);
        // Killed here: nothing else of the run's runs.
        RunStatus status = RunStatus.beside(json);
        assertEquals(new RunStatus(plan.size(), 1, "did not end: still running, or killed (SIGKILL, a crash, a power"
                + " cut) after 1 leg"), status);
        assertTrue(status.partial(), "a killed run's folder reads as complete");
    }

    @Test
    void temporaryFilesOfKilledRunsAreRemoved() throws Exception {
        Path results = Files.createDirectory(dir.resolve("results"));
        Path run = Files.createDirectory(results.resolve("20260101-000000-quick"));
        Path json = Files.writeString(run.resolve(RunFolder.RESULT_FILE), "[]");
        Files.writeString(run.resolve(RunFolder.RESULT_FILE + ".tmp"), "[ {");
        Files.writeString(run.resolve(RunStatus.FILE + ".tmp"), "{");
        assertEquals("removed 2 temporary files of runs that were killed (20260101-000000-quick/jmh-result.json.tmp,"
                + " 20260101-000000-quick/status.json.tmp)", RunFolder.removeLeftovers(results));
        assertEquals(List.of(RunFolder.RESULT_FILE), TestFiles.names(run));
        assertEquals("[]", Files.readString(json));
        assertEquals(null, RunFolder.removeLeftovers(results), "a second clean-up finds nothing");
    }

    @Test
    void leftoversOfLiveProcessesAreKept() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path mine = Files.write(data.resolve("read-8.dat.tmp-" + ProcessHandle.current().pid()), new byte[8]);
        Files.write(data.resolve("read-8.dat"), new byte[8]);
        assertEquals(null, DataFolder.removeLeftovers(data));
        assertTrue(Files.exists(mine));
    }
}
