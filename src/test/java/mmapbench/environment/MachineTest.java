package mmapbench.environment;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineTest {

    @Test
    void theIdleSettingsAreReadWhereTheyExist() {
        String haltpoll = Machine.haltpoll(Path.of("/sys/module/haltpoll/parameters"));
        if (Files.isDirectory(Path.of("/sys/module/haltpoll/parameters"))) {
            assertTrue(haltpoll.contains("guest_halt_poll_ns="), haltpoll);
        } else {
            assertEquals(null, haltpoll);
        }
    }
}
