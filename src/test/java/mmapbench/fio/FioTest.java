package mmapbench.fio;

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
    void readsTheMeanLatencyOfARealFioRun() throws Exception {
        // Made by fio 3.33 with Fio's own options: --rw=randread --bs=4096 --ioengine=psync, 1 s on a
        // 64 MiB data file. The figures are jobs[0].read.lat_ns.mean and total_ios, read off by hand.
        Fio.Result r = Fio.parse(new Fio.Job("RandomRead", 4096, "WARM", "psync"), golden("fio-randread-psync.json"));
        assertNull(r.error());
        assertEquals(394873.782163, r.nsPerOp(), 1e-6);
        assertEquals(2534, r.ios());
    }

    @Test
    void aJobWithoutTheRightDirectionSaysSo() throws Exception {
        Fio.Result r = Fio.parse(new Fio.Job("RandomWrite", 4096, "WARM", "psync"), "{\"jobs\": [{}]}");
        assertEquals("fio's JSON has no write latency", r.error());
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
                List.of(new Fio.Job("RandomRead", 4096, "WARM", "mmap")), 400, new PrintStream(new ByteArrayOutputStream()));
        assertEquals(1, results.size());
        assertEquals("fio exited with 1: fio: engine mmap not loadable", results.getFirst().error());
        assertTrue(Double.isNaN(results.getFirst().nsPerOp()));
        // It is written and read back as it was.
        Path out = dir.resolve(Fio.FILE);
        Fio.write(null, 400, results, out);
        assertEquals(results.getFirst().error(), Fio.read(out).getFirst().error());
    }
}
