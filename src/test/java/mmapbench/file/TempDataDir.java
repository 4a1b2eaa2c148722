package mmapbench.file;

import mmapbench.fixture.DataFile;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Points the benchmarks' data folder at a fresh folder for one test class, as the forked JVMs
 * get it from run-bench.sh, and deletes it afterwards. Also the parameter lists the file tests share.
 */
final class TempDataDir implements BeforeAllCallback, AfterAllCallback {

    private Path dir;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        // java.io.tmpdir is target/ in the build: a disk, where COLD exists.
        dir = Files.createTempDirectory("mmapbench-data");
        System.setProperty(DataFile.DATA_DIR_PROPERTY, dir.toString());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        System.clearProperty(DataFile.DATA_DIR_PROPERTY);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Every API with every block size. */
    static List<Arguments> everyApi(int... blockSizes) {
        List<Arguments> cases = new ArrayList<>();
        for (int block : blockSizes) {
            for (Api api : Api.values()) {
                cases.add(Arguments.of(block, api));
            }
        }
        return cases;
    }
}
