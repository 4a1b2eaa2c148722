package mmapbench.ipc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The C ping-pong builds, gives sane figures, and a missing compiler is one line. */
class NativeFloorTest {

    @TempDir
    Path dir;

    private static final Path SOURCE = Path.of(System.getProperty("user.dir")).resolve(NativeFloor.SOURCE);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aThousandRoundTripsOnOneCpuGiveSaneFigures() throws Exception {
        Path binary = dir.resolve("ipc_floor");
        NativeFloor.build("gcc", SOURCE, binary);
        assumeTrue(Affinity.allowed().size() >= 2, "cpus=SAME and SPLIT need 2 CPUs");
        for (Channel channel : NativeFloor.CHANNELS) {
            NativeFloor.Floor f = NativeFloor.measure(binary, channel, 2000, Cpus.SAME, 1000);
            System.out.println(f);
            assertNull(f.error(), channel + ": " + f.error());
            assertEquals(1000, f.roundTrips());
            assertTrue(f.meanNs() > 0 && f.medianNs() > 0 && f.clockReadNs() > 0, f.toString());
            // On one CPU the other side can only run when this one blocks or is preempted: a switch a round trip each.
            assertTrue(f.parentContextSwitches() >= 1 - 0.01 && f.childContextSwitches() >= 1 - 0.01, f.toString());
        }
    }

    @Test
    void theRunWritesTheFloorsAndTheClocksCost() throws Exception {
        assumeTrue(Affinity.allowed().size() >= 2, "cpus=SAME and SPLIT need 2 CPUs");
        Path src = Files.createDirectories(dir.resolve("src/main/c"));
        Files.copy(SOURCE, src.resolve(NativeFloor.SOURCE_NAME));
        Path run = Files.createDirectory(dir.resolve("run"));
        NativeFloor.run(dir, List.of(8), 1000, run, new PrintStream(new ByteArrayOutputStream()));
        NativeFloor.Floors floors = NativeFloor.read(run.resolve(NativeFloor.FILE));
        assertTrue(floors.compiler().startsWith("gcc"), floors.compiler());
        assertTrue(floors.javaNanoTimeNs() > 0 && floors.javaNanoTimeNs() < 10_000, "System.nanoTime: "
                + floors.javaNanoTimeNs() + " ns");
        assertEquals(NativeFloor.CHANNELS.size() * NativeFloor.PLACEMENTS.size(), floors.floors().size());
        assertTrue(floors.floors().stream().allMatch(f -> f.error() == null && f.medianNs() > 0), floors.toString());
    }

    @Test
    void aMissingCompilerOrSourceIsOneLine() throws Exception {
        assertEquals("no-such-gcc is not installed: no native IPC floor (apt-get install gcc)",
                assertThrows(IOException.class, () -> NativeFloor.build("no-such-gcc", SOURCE, dir.resolve("b")))
                        .getMessage());
        Path missing = dir.resolve("none.c");
        assertEquals(missing + " is not there: no native IPC floor (run ./run-bench.sh from its source folder)",
                assertThrows(IOException.class, () -> NativeFloor.build("gcc", missing, dir.resolve("b"))).getMessage());
        Path broken = Files.writeString(dir.resolve("broken.c"), "int main( {");
        String said = assertThrows(IOException.class, () -> NativeFloor.build("gcc", broken, dir.resolve("b"))).getMessage();
        assertTrue(said.startsWith("gcc could not build " + broken + ": "), said);
    }

    @Test
    void aFailingProgramGivesAFloorWithItsError() {
        NativeFloor.Floor f = NativeFloor.measure(Path.of("/bin/false"), Channel.PIPE, 8, Cpus.SAME, 10);
        assertEquals("false failed or hung", f.error());
        assertTrue(Double.isNaN(f.medianNs()));
    }
}
