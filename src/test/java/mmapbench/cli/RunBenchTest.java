package mmapbench.cli;

import mmapbench.fixture.TestFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets one line that names the value and the fix, and nothing is written. */
class RunBenchTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--bogus | unknown option '--bogus': see ./run-bench.sh --help (JMH's own options go after --)",
            "stray | unexpected argument 'stray': JMH options go after --, as in ./run-bench.sh -- RandomRead -p blockSize=8",
            "--file-size abc | --file-size 'abc' is not a size: use a positive number of bytes, optionally with k, m or g (e.g. 4g)",
            "--file-size=-1 | --file-size '-1' is not a positive size: use a number of bytes above zero, optionally with k, m or g (e.g. 4g)",
            "--file-size | --file-size needs a value, e.g. --file-size 4g",
            "--data-dir --full | --data-dir needs a value, e.g. --data-dir /mnt/scratch",
            "--quick --full | --quick and --full exclude each other: give one of them",
            "--budget soon | --budget soon is not a number of seconds: use e.g. --budget 300 (0: the minimum rounds alone)",
            "--budget -5 | --budget -5 is not a number of seconds: use e.g. --budget 300 (0: the minimum rounds alone)",
            "--budget | --budget needs a value, e.g. --budget 300",
            "--seed 1.5 | --seed 1.5 is not a whole number: use the seed a run's rounds.json gives, e.g. --seed 42",
    })
    void badArgumentsAreNamed(String args, String message) {
        UsageException e = assertThrows(UsageException.class, () -> Arguments.parse(args.split(" ")));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--file-size 1k | blockSize 4096 is larger than fileSize 1024: use a smaller block or a larger file",
            "--file-size 1000000 | fileSize 1000000 is not a multiple of blockSize 4096: use a file size that is a multiple of every block size (e.g. a whole number of MiB)",
            "--file-size 100t -- RandomRead -p cache=COLD | not enough free disk in DATA: the data files need 102400.0 GiB (+256.0 MiB head room)",
            "--file-size 100t | cache=WARM needs the whole 102400.0 GiB data file in the page cache, and ",
            "--file-size 100t -- RandomRead -p cache=HOT,COLD | cache=HOT needs the whole 102400.0 GiB data file in the page cache, and ",
            "-- -p fileSize=4g | -p fileSize=4g is not a positive number of bytes: use e.g. -p fileSize=4294967296, or --file-size 4g",
            "--file-size 8m -- -p fileSize=8388608 | the file size is given twice (--file-size and -p fileSize): give it once",
            "-- -p blockSize=3 | blockSize 3 is not a power of two from 8 to 1073741824 bytes: use e.g. 8, 4096 or 65536",
            "-- -rf json | -rf and -rff are set by run-bench.sh (JSON in a new folder under --results-dir): leave them out, or run java -jar target/benchmarks.jar yourself",
            "-- NoSuchBenchmark | no benchmark of the quick profile matches [NoSuchBenchmark]: java -jar target/benchmarks.jar -l lists them",
            "-- -f x | JMH option: Cannot parse argument 'x' of option f (java -jar target/benchmarks.jar -h lists them)",
            "-- RandomRead -p cache=LUKEWARM | -p cache=LUKEWARM is not a value of cache: use one of HOT, WARM, COLD",
            "-- RandomRead -p access=SOMETIMES | -p access=SOMETIMES is not a value of access: use one of INDEPENDENT, DEPENDENT",
            "-- SharedMemoryPingPong -p channel=FOO | -p channel=FOO is not a value of channel: use one of SHM_SPIN",
            "-- SharedMemoryPingPong -p payload=lots | -p payload=lots is not a whole number: use e.g. -p payload=",
            "-- SequentialWrite -p forceEvery=100 | forceEvery 100 is not 0 or a multiple of blockSize 1048576 that divides fileSize 4294967296: use 0 (never) or a whole number of blocks that divides the file, e.g. 268435456",
            "--full -- ShortLivedRead -p reads=0 | reads 0 is not from 1 to 1048576: use e.g. 16 or 256",
            "-- RandomRead -p nosuch=1 | -p nosuch: no benchmark of this run has a parameter nosuch; theirs are access, advice, blockSize, cache, fileSize, folios, memoryLimit",
            "-- RandomRead -p memoryLimit=25 | -p memoryLimit=25 is not none or a share of the data file from 1% to 100%: use e.g. -p memoryLimit=25%",
            "-- RandomRead -bm avgt | -bm [AverageTime]: the file benchmarks time single calls of a counted number of operations (-p ops, -p bytes); leave -bm out, or give it with the IPC benchmark alone (-- SharedMemoryPingPong -bm avgt)",
            "-- RandomRead -bs 4 | -bs 4: a file benchmark's iteration is one call right after its setup; change how many operations it runs with -p ops (or -p bytes)",
            "-- RandomRead -p ops=0 | -p ops=0 is not from 1 to 1048576 (the seeded offsets an iteration visits once each): use e.g. -p ops=65536",
            "-- ShortLivedRead -p ops=65537 -p reads=16 | -p ops=65537 is not from 1 to 65536 (the seeded offsets an iteration visits once each): use e.g. -p ops=65536",
            "--file-size 8m -- SequentialRead -p bytes=1073741824 | -p bytes=1073741824 is more than the 8388608-byte file: use at most -p bytes=8388608",
            "-- RandomRead -p cache=HOT -p memoryLimit=25% | -p memoryLimit=25% with cache=HOT: a limited page cache cannot hold the whole file that HOT needs; use -p cache=WARM (as much as fits) or COLD with a limit, or -p memoryLimit=none",
    })
    void badRunsStopBeforeWritingAnything(String args, String message) throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path results = dir.resolve("results");
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString(), "--results-dir", results.toString()));
        all.addAll(List.of(args.split(" ")));
        UsageException e = assertThrows(UsageException.class,
                () -> RunBench.run(Arguments.parse(all.toArray(String[]::new)), new PrintStream(new ByteArrayOutputStream())));
        String expected = message.replace("DATA", data.toString());
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertEquals(List.of(), TestFiles.names(data), "a data file was written");
        assertFalse(Files.exists(results) && !TestFiles.names(results).isEmpty(), "a result folder was written");
    }

    /**
     * COLD where the data folder keeps its files in memory: asked for by the profile (the quick
     * one has a COLD leg) or by -p, it is refused in one line before anything is written.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "the quick profile | --quick",
            "-p cache=COLD | -- RandomRead -p cache=COLD",
    })
    void coldOnADataFolderInMemoryIsRefusedBeforeAnythingIsWritten(String what, String more) throws Exception {
        Path shm = Path.of("/dev/shm");
        Assumptions.assumeTrue(Files.isDirectory(shm) && "tmpfs".equals(Files.getFileStore(shm).type()),
                "no tmpfs at /dev/shm");
        Path data = Files.createTempDirectory(shm, "robust-test-");
        Path results = dir.resolve("results");
        Path lock = dir.resolve("lock");
        List<String> all = new ArrayList<>(List.of("--data-dir", data.toString(), "--results-dir", results.toString(),
                "--file-size", "8m"));
        all.addAll(List.of(more.split(" ")));
        // Held, so that were the refusal missing, the run would stop at the lock and measure nothing.
        try (RunLock held = RunLock.acquire(lock, "this test")) {
            UsageException e = assertThrows(UsageException.class, () -> RunBench.run(
                    Arguments.parse(all.toArray(String[]::new)), new PrintStream(new ByteArrayOutputStream()), lock));
            assertEquals("cache=COLD cannot be reached in data folder " + data + ": it is on tmpfs, which keeps every"
                    + " page of a file in memory and evicts none; put the data on a disk with --data-dir, or leave"
                    + " COLD out (e.g. -p cache=WARM)", e.getMessage());
            assertEquals(List.of(), TestFiles.names(data), "a data file was written");
            assertFalse(Files.exists(results), "a results folder was made");
        } finally {
            Files.walk(data).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aDataFolderThatIsMissingOrNotAFolderOrNotWritableIsNamed() throws Exception {
        Path missing = dir.resolve("missing");
        Path file = Files.createFile(dir.resolve("file"));
        assertEquals("data folder " + missing + " does not exist: create it, or choose another with --data-dir",
                usage("--data-dir", missing.toString()));
        assertEquals("data folder " + file + " is not a folder: choose a folder with --data-dir",
                usage("--data-dir", file.toString()));
        // /proc takes no new files, not even from root.
        String proc = usage("--data-dir", "/proc");
        assertTrue(proc.startsWith("data folder /proc "), proc);
        assertTrue(proc.endsWith("choose another with --data-dir"), proc);
    }

    private String usage(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--results-dir", dir.resolve("results").toString()));
        return assertThrows(UsageException.class, () -> RunBench.run(Arguments.parse(all.toArray(String[]::new)),
                new PrintStream(new ByteArrayOutputStream()))).getMessage();
    }

    @Test
    void theFirstMinuteRunsWithTheWholeFullProfileOnly() throws Exception {
        var none = new org.openjdk.jmh.runner.options.CommandLineOptions();
        var some = new org.openjdk.jmh.runner.options.CommandLineOptions("RandomRead", "-p", "cache=COLD");
        assertTrue(FirstMinuteRun.runs(Profile.FULL, none));
        assertFalse(FirstMinuteRun.runs(Profile.FULL, some));
        assertFalse(FirstMinuteRun.runs(Profile.QUICK, none));
    }

    @Test
    void theTailsAndTheStallNameTheFilesTheyReadForTheSpaceCheck() throws Exception {
        var writeTail = new org.openjdk.jmh.runner.options.CommandLineOptions("WriteTail");
        assertEquals(java.util.Set.of(mmapbench.fixture.DataFile.Kind.WRITE), LegPlanner.dataFiles(
                LegPlanner.plan(Profile.FULL, writeTail, List.of("8388608"), dir)));
        var stall = new org.openjdk.jmh.runner.options.CommandLineOptions("JvmStall");
        assertEquals(java.util.Set.of(mmapbench.fixture.DataFile.Kind.READ), LegPlanner.dataFiles(
                LegPlanner.plan(Profile.FULL, stall, List.of("8388608"), dir)));
    }

    @Test
    void legsThatTheUsersParamsMakeIdenticalRunOnce() throws Exception {
        var user = new org.openjdk.jmh.runner.options.CommandLineOptions("RandomRead", "-p", "cache=WARM", "-p",
                "blockSize=8", "-p", "access=INDEPENDENT");
        List<String> legs = LegPlanner.plan(Profile.QUICK, user, List.of("8388608"), dir).stream()
                .map(LegPlanner.Planned::label).toList();
        // The random-read COLD and WARM legs all became random reads at WARM; the other legs hold no RandomRead.
        assertEquals(List.of("random reads, WARM, 65536 ops per iteration (blockSize=8)"), legs);
        // A leg whose rows an earlier one runs too is left out: the WARM leg runs both access patterns.
        var cold = new org.openjdk.jmh.runner.options.CommandLineOptions("RandomRead", "-p", "cache=COLD", "-p",
                "blockSize=4096");
        List<LegPlanner.Planned> coldPlan = LegPlanner.plan(Profile.QUICK, cold, List.of("8388608"), dir);
        assertEquals(List.of("random reads, COLD, 32 ops per iteration (blockSize=4096)"),
                coldPlan.stream().map(LegPlanner.Planned::label).toList());
        // The leg that covers the others runs both access patterns, in the first one's place.
        assertEquals(List.of(mmapbench.file.Access.values()), coldPlan.getFirst().params().get(mmapbench.param.Parameter.ACCESS));
        var everything = new org.openjdk.jmh.runner.options.CommandLineOptions("-p", "cache=COLD", "-p", "blockSize=4096");
        assertEquals("random reads, COLD, 32 ops per iteration (blockSize=4096)",
                LegPlanner.plan(Profile.QUICK, everything, List.of("8388608"), dir).getFirst().label(), "COLD legs first");
        // The quick profile's 4096 writes a call are its WARM count: COLD writes take the question's.
        var coldWrites = new org.openjdk.jmh.runner.options.CommandLineOptions("RandomWrite", "-p", "cache=COLD");
        assertEquals(List.of(128L), LegPlanner.plan(Profile.QUICK, coldWrites, List.of("8388608"), dir).getFirst()
                .params().get(mmapbench.param.Parameter.OPS));
        // Every leg of the full profile runs, states that count their operations differently apart.
        List<LegPlanner.Planned> all = LegPlanner.plan(Profile.FULL, new org.openjdk.jmh.runner.options.CommandLineOptions(),
                List.of("8388608"), dir);
        assertEquals(Profile.FULL.legs.size(), all.stream().map(LegPlanner.Planned::leg).distinct().count());
        for (LegPlanner.Planned p : all) {
            assertTrue(p.params().get(mmapbench.param.Parameter.OPS).size() <= 1, p.label() + ": one count a JMH run");
        }
        assertEquals(List.of("larger than memory: random reads, WARM, 65536 ops per iteration",
                "larger than memory: random reads, COLD, 32 ops per iteration"), all.stream().map(LegPlanner.Planned::label)
                .filter(l -> l.startsWith("larger than memory: random reads,")).toList());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theCommandPrintsOneLineAndNoStackTrace() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RunBench.class.getName(), "--file-size", "0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes());
        assertEquals(2, p.waitFor());
        assertEquals("mmap-bench: --file-size '0' is not a positive size: use a number of bytes above zero,"
                + " optionally with k, m or g (e.g. 4g)\n", err);
    }
}
