package mmapbench.ipc;

import mmapbench.fixture.FullDisk;
import mmapbench.fixture.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The native floors' file on a full results disk: not written at all, rather than half (as root, on a small tmpfs). */
class NativeFloorFullDiskTest {

    @TempDir
    Path dir;

    @Test
    void aFullDiskLeavesNoHalfWrittenFloors() throws Exception {
        String why = FullDisk.unavailable();
        assumeTrue(why == null, why);
        NativeFloor.Floors floors = NativeFloor.read(Path.of("src/test/resources/golden/native-ipc.json"));
        try (FullDisk disk = FullDisk.mount(dir.resolve("results"), 64)) {
            disk.fill();
            Path file = disk.dir().resolve(NativeFloor.FILE);
            IOException e = assertThrows(IOException.class, () -> NativeFloor.write(floors, file));
            assertEquals("could not write " + file + ": No space left on device", e.getMessage());
            assertEquals(List.of("filler"), TestFiles.names(disk.dir()), "a half-written or temporary file was left");
        }
    }
}
