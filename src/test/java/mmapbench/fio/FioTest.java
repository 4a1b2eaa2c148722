package mmapbench.fio;

import mmapbench.file.Question;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Folios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading fio's JSON, and a fio that is missing or fails, said cleanly. */
class FioTest {

    @TempDir
    Path dir;

    static String golden(String name) throws Exception {
        return Files.readString(Path.of(FioTest.class.getResource("/golden/" + name).toURI()));
    }

    @Test
    void readsTheTimePerIoOfARealFioRun() throws Exception {
        // Made by fio 3.33 with Fio's own options: --rw=randread --bs=4096 --ioengine=psync, 1 s on a
        // 64 MiB data file. Read off by hand: jobs[0].read.runtime 1003 ms, total_ios 2534.
        Fio.Result r = Fio.parse(new Fio.Job(Question.RANDOM_READ, 4096, CacheState.WARM, Folios.LARGE, Fio.Engine.PSYNC), golden("fio-randread-psync.json"));
        assertNull(r.error());
        assertEquals(1003e6 / 2534, r.nsPerOp(), 1e-6);
        assertEquals(2534, r.ios());
    }

    @Test
    void aHungFioIsStoppedAtItsDeadlineWithOneMessage() throws Exception {
        Path fake = script("fio-hangs", "#!/bin/sh\nexec sleep 600\n");
        long start = System.nanoTime();
        Fio.Result r = Fio.runOne(List.of(fake.toString()), JOB, 1);
        assertEquals("fio did not finish within 1 s; it was stopped", r.error());
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "the deadline fired");
    }

    @Test
    void aChattyFioDoesNotStallOnItsErrorStream() throws Exception {
        // 4 MiB on standard error before the JSON: far more than a pipe holds.
        Path fake = script("fio-chatty", "#!/bin/sh\nhead -c 4194304 /dev/zero | tr '\\0' x >&2\n"
                + "echo '{\"jobs\": [{\"read\": {\"runtime\": 2, \"total_ios\": 4}}]}'\n");
        Fio.Result r = Fio.runOne(List.of(fake.toString()), JOB, 20);
        assertNull(r.error());
        assertEquals(2e6 / 4, r.nsPerOp(), 1e-9);
    }

    private static final Fio.Job JOB = new Fio.Job(Question.RANDOM_READ, 4096, CacheState.WARM, Folios.LARGE, Fio.Engine.PSYNC);

    private Path script(String name, String text) throws Exception {
        Path fake = dir.resolve(name);
        Files.writeString(fake, text);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        return fake;
    }

    @Test
    void aJobWithoutTheRightDirectionSaysSo() throws Exception {
        Fio.Result r = Fio.parse(new Fio.Job(Question.RANDOM_WRITE, 4096, CacheState.WARM, Folios.LARGE, Fio.Engine.PSYNC), "{\"jobs\": [{}]}");
        assertEquals("fio's JSON has no write I/Os and runtime", r.error());
    }

    @Test
    void aMissingFioIsNotAnError() {
        assertNull(Fio.version(dir.resolve("no-fio").toString()));
    }

    @Test
    void aFailingFioGivesAResultWithItsMessage() throws Exception {
        Path fake = dir.resolve("fio");
        Files.writeString(fake, "#!/bin/sh\necho 'fio: engine mmap not loadable' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        Path data = Files.createDirectory(dir.resolve("data"));
        mmapbench.fixture.DataFile.ensure(data, mmapbench.fixture.DataFile.Kind.READ, 1 << 20,
                new PrintStream(new ByteArrayOutputStream()));
        List<Fio.Result> results = Fio.run(fake.toString(), data, 1 << 20,
                List.of(new Fio.Job(Question.RANDOM_READ, 4096, CacheState.WARM, Folios.LARGE, Fio.Engine.MMAP)), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(1, results.size());
        assertEquals("fio exited with 1: fio: engine mmap not loadable", results.getFirst().error());
        assertTrue(Double.isNaN(results.getFirst().nsPerOp()));
        // It is written and read back as it was.
        Path out = dir.resolve(Fio.FILE);
        Fio.write(null, results, out);
        assertEquals(results.getFirst().error(), Fio.read(out).getFirst().error());
    }

    /** Each job runs in the state the fixture establishes, and that state, as checked, is in its result. */
    @Test
    void eachJobRunsInItsCheckedStateAndSaysWhichItFound() throws Exception {
        Path fake = script("fio", "#!/bin/sh\necho '{\"jobs\": [{\"read\": {\"runtime\": 2, \"total_ios\": 4}}]}'\n");
        Path data = Files.createDirectory(dir.resolve("data"));
        long size = 32L << 20;
        mmapbench.fixture.DataFile.ensure(data, mmapbench.fixture.DataFile.Kind.READ, size,
                new PrintStream(new ByteArrayOutputStream()));
        List<Fio.Result> results = Fio.run(fake.toString(), data, size, List.of(
                new Fio.Job(Question.RANDOM_READ, 4096, CacheState.WARM, Folios.SMALL, Fio.Engine.PSYNC),
                new Fio.Job(Question.RANDOM_READ, 4096, CacheState.WARM, Folios.LARGE, Fio.Engine.PSYNC),
                new Fio.Job(Question.RANDOM_READ, 4096, CacheState.COLD, null, Fio.Engine.PSYNC)),
                new PrintStream(new ByteArrayOutputStream()));
        Fio.CheckedState small = results.get(0).state();
        Fio.CheckedState large = results.get(1).state();
        Fio.CheckedState cold = results.get(2).state();
        assertTrue(small.resident() >= 0.9 && small.largeFolioShare() == 0, "4 KiB folios: " + small);
        assertTrue(large.resident() >= 0.9, "resident: " + large);
        assertTrue(cold.resident() <= 0.1 && Double.isNaN(cold.largeFolioShare()), "evicted, no mapping made: " + cold);
        for (Fio.Result r : results) {
            assertNull(r.error());
            assertNull(r.state().problem(r.job()), r.job() + ": " + r.state());
        }
        // The checked state is what decides: a SMALL job found in 2 MiB mappings is not in its state.
        assertEquals("50% mapped with 2 MiB pages, not in 4 KiB folios",
                new Fio.CheckedState(1.0, 0.5).problem(results.get(0).job()));
        assertEquals("40% resident, not WARM", new Fio.CheckedState(0.4, 1.0).problem(results.get(1).job()));
    }
}
