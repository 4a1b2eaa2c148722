package mmapbench.cli;

import mmapbench.environment.EnvironmentFile;
import mmapbench.environment.RunClock;
import mmapbench.fixture.FullDisk;
import mmapbench.fixture.TestFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A results disk that fills up loses nothing and leaves nothing half-written: the JSON of the
 * legs before stays whole, no temporary file is left, no file is left truncated, and the run says
 * in one line what it could not write and where its results are. On a tmpfs of a few pages,
 * mounted for the test (as root; skipped elsewhere).
 */
class FullResultsDiskTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needsRoot() {
        String why = FullDisk.unavailable();
        Assumptions.assumeTrue(why == null, why);
    }

    private static String golden() throws IOException {
        return Files.readString(Path.of("src/test/resources/golden/a.json"));
    }

    @Test
    void theJsonOfTheLegsBeforeStaysWhole() throws Exception {
        try (FullDisk disk = FullDisk.mount(dir.resolve("results"), 64)) {
            Path json = Files.writeString(disk.dir().resolve(RunFolder.RESULT_FILE), golden());
            disk.fill();
            IOException e = assertThrows(IOException.class, () -> RunFolder.writeJson(List.of(), json));
            assertEquals("could not write " + json + ": No space left on device", e.getMessage());
            assertEquals(golden(), Files.readString(json), "the JSON of the legs before was replaced");
            assertEquals(List.of("filler", RunFolder.RESULT_FILE), TestFiles.names(disk.dir()));
        }
    }

    @Test
    void aRunEndingOnAFullDiskLeavesNoTemporaryFileAndSaysWhatItCouldNotWrite() throws Exception {
        List<LegPlanner.Planned> plan = LegPlanner.plan(Profile.QUICK, new CommandLineOptions(), List.of("8388608"), dir);
        try (FullDisk disk = FullDisk.mount(dir.resolve("results"), 64)) {
            Path json = Files.writeString(disk.dir().resolve(RunFolder.RESULT_FILE), golden());
            Progress progress = new Progress(json, plan, new PrintStream(new ByteArrayOutputStream()));
            progress.finished(1);
            String status = Files.readString(disk.dir().resolve("status.json"));
            disk.fill();
            IOException full = assertThrows(IOException.class, () -> progress.finished(2));
            assertEquals("could not write " + disk.dir().resolve("status.json") + ": No space left on device",
                    full.getMessage());
            IOException e = assertThrows(IOException.class, () -> progress.end((RunnerException) null));
            assertTrue(e.getMessage().startsWith("could not write status.json (No space left on device) or the report ("),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith(") in " + disk.dir() + "; the JMH result JSON of the 2 finished legs is"
                    + " whole: ./run-bench.sh report " + json + " writes the report once there is room"), e.getMessage());
            assertEquals(List.of("filler", RunFolder.RESULT_FILE, "status.json"), TestFiles.names(disk.dir()),
                    "a temporary or half-written file was left");
            assertEquals(golden(), Files.readString(json));
            assertEquals(status, Files.readString(disk.dir().resolve("status.json")), "the status of the legs before");
        }
    }

    @Test
    void theEnvironmentOfARunIsKeptAsItWasWhenItsEndCannotBeWritten() throws Exception {
        try (FullDisk disk = FullDisk.mount(dir.resolve("results"), 64)) {
            Path env = disk.dir().resolve(EnvironmentFile.FILE);
            // Nearly a page: the run's end no longer fits in the one page the file has.
            EnvironmentFile.write(Map.of("profile", "quick", "note", "x".repeat(4000)), env);
            String before = Files.readString(env);
            disk.fill();
            IOException e = assertThrows(IOException.class, () -> EnvironmentFile.finish(env, RunClock.start()));
            assertEquals("could not write " + env + ": No space left on device", e.getMessage());
            assertEquals(before, Files.readString(env));
            assertEquals(List.of(EnvironmentFile.FILE, "filler"), TestFiles.names(disk.dir()));
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aRunWhoseResultsDiskIsFullStopsInOneLineAndLeavesNoFolder() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        try (FullDisk disk = FullDisk.mount(dir.resolve("results"), 64)) {
            disk.fill();
            List<String> args = new ArrayList<>(List.of("--data-dir", data.toString(), "--results-dir",
                    disk.dir().toString()));
            args.addAll(RunLifeTest.SHORT);
            // Were the disk not full, no fork would start: nothing is ever measured here.
            args.addAll(List.of("-jvmArgsAppend", "-XX:+NoSuchOptionAnywhere"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            IOException e = assertThrows(IOException.class, () -> RunBench.run(
                    Arguments.parse(args.toArray(String[]::new)), new PrintStream(out), dir.resolve("lock")));
            assertTrue(e.getMessage().matches("could not write " + disk.dir() + "/\\d{8}-\\d{6}-quick/"
                    + EnvironmentFile.FILE + ": No space left on device"), e.getMessage());
            assertEquals(List.of("filler"), TestFiles.names(disk.dir()), "a run folder was left");
            assertEquals(List.of(), TestFiles.names(data), "a data file was made after the failure");
        }
    }
}
