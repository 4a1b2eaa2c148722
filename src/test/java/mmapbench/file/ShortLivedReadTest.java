package mmapbench.file;

import mmapbench.fixture.CacheState;
import mmapbench.fixture.Content;
import mmapbench.fixture.DataFile;
import mmapbench.fixture.Offsets;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A short-lived read opens, reads the next {@code reads} blocks at the seeded offsets, and
 * closes: the sum of their first words is the generator's, for every API and the control.
 */
@ExtendWith(TempDataDir.class)
class ShortLivedReadTest {

    static final long FILE_SIZE = 8L << 20;

    static List<String> methods() {
        List<String> all = new ArrayList<>();
        for (Api api : Api.values()) {
            all.add(api.method);
        }
        all.add(Api.FILE_CHANNEL.method + Api.CONTROL_SUFFIX);
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void everyOpeningReadsTheFilesBytes(String method) throws Exception {
        ShortLivedReadBenchmark b = new ShortLivedReadBenchmark();
        b.blockSize = 4096;
        b.reads = 16;
        b.fileSize = FILE_SIZE;
        b.cache = CacheState.WARM;
        b.setUpWithoutJmh();
        long[] offsets = Offsets.random(FILE_SIZE, 4096);
        b.beginIteration(Api.ofMethod(method));
        try {
            for (int op = 0; op < 5; op++) {
                long expected = 0;
                for (int i = 0; i < 16; i++) {
                    expected += Content.word(DataFile.Kind.READ.seed, offsets[op * 16 + i] >>> 3);
                }
                assertEquals(expected, (long) b.getClass().getMethod(method).invoke(b), method + ", opening " + op);
            }
        } finally {
            b.closeHandles();
        }
    }
}
