package mmapbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The native floor runs at the payloads the IPC leg runs, and not at all without one. */
class NativeFloorsTest {

    @TempDir
    Path dir;

    private List<Integer> payloads(Profile profile, String... user) throws Exception {
        return NativeFloors.payloads(LegPlanner.plan(profile, new CommandLineOptions(user), List.of("8388608"), dir));
    }

    @Test
    void thePayloadsAreTheLegsTheUsersOrTheClasss() throws Exception {
        assertEquals(List.of(2000), payloads(Profile.QUICK));
        assertEquals(List.of(8, 2000, 65536), payloads(Profile.FULL));
        assertEquals(List.of(8), payloads(Profile.QUICK, "SharedMemoryPingPong", "-p", "payload=8"));
        assertEquals(List.of(), payloads(Profile.QUICK, "RandomRead"));
    }
}
