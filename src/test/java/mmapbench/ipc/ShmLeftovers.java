package mmapbench.ipc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What this suite may have left in /dev/shm and the temp folder. */
final class ShmLeftovers {

    private ShmLeftovers() {
    }

    static List<Path> ours() throws IOException {
        List<Path> found = new java.util.ArrayList<>();
        for (Path dir : List.of(SharedFiles.SHM, Path.of(System.getProperty("java.io.tmpdir")))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().startsWith(SharedFiles.PREFIX)).forEach(found::add);
            }
        }
        return found;
    }
}
