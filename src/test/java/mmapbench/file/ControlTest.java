package mmapbench.file;

import mmapbench.fixture.CacheState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The control method of each class does exactly what {@code fileChannel} does: the same words
 * read at the same offsets, the same bytes written to the same places. A control that did less
 * would make the noise floor a lie.
 */
@ExtendWith(TempDataDir.class)
class ControlTest {

    static final long FILE_SIZE = 8L << 20;
    static final int OPS = 300;

    private static long[] words(Object b, FileBenchmark f, String method) throws Exception {
        long[] out = new long[OPS];
        f.beginIteration(Api.FILE_CHANNEL);
        try {
            for (int i = 0; i < OPS; i++) {
                out[i] = (long) b.getClass().getMethod(method).invoke(b);
            }
        } finally {
            f.closeHandles();
        }
        return out;
    }

    @Test
    void readControlsReadWhatFileChannelReads() throws Exception {
        RandomReadBenchmark r = new RandomReadBenchmark();
        r.blockSize = 4096;
        r.access = Access.DEPENDENT;
        r.cache = CacheState.WARM;
        SequentialReadBenchmark s = new SequentialReadBenchmark();
        s.blockSize = 65536;
        s.cache = CacheState.WARM;
        for (FileBenchmark b : new FileBenchmark[]{r, s}) {
            b.fileSize = FILE_SIZE;
            b.setUpWithoutJmh();
            long[] plain = words(b, b, "fileChannel");
            assertFalse(Arrays.stream(plain).allMatch(w -> w == plain[0]), "the reads must differ, or this proves nothing");
            assertArrayEquals(plain, words(b, b, "fileChannel" + Api.CONTROL_SUFFIX), b.getClass().getSimpleName());
        }
    }

    @Test
    void writeControlsWriteWhatFileChannelWrites() throws Exception {
        RandomWriteBenchmark r = new RandomWriteBenchmark();
        r.blockSize = 4096;
        r.cache = CacheState.WARM;
        SequentialWriteBenchmark s = new SequentialWriteBenchmark();
        s.blockSize = 65536;
        s.forceEvery = 1 << 20;
        s.cache = CacheState.WARM;
        for (FileBenchmark b : new FileBenchmark[]{r, s}) {
            b.fileSize = FILE_SIZE;
            b.setUpWithoutJmh();
            byte[][] after = new byte[2][];
            long[] dirty = new long[2];
            String[] methods = {"fileChannel", "fileChannel" + Api.CONTROL_SUFFIX};
            for (int m = 0; m < 2; m++) {
                try (FileChannel ch = FileChannel.open(b.file(), StandardOpenOption.WRITE)) {
                    ch.write(ByteBuffer.allocate((int) FILE_SIZE), 0);
                }
                b.beginIteration(Api.FILE_CHANNEL);
                try {
                    for (int i = 0; i < OPS; i++) {
                        b.getClass().getMethod(methods[m]).invoke(b);
                    }
                } finally {
                    b.closeHandles();
                }
                after[m] = WriteReadBackTest.readBack(b.file(), Api.MEMORY_SEGMENT);
                dirty[m] = mmapbench.fixture.Native.cachestat(b.file())[1];
            }
            assertFalse(Arrays.equals(new byte[(int) FILE_SIZE], after[0]), "the writes must land, or this proves nothing");
            assertArrayEquals(after[0], after[1], b.getClass().getSimpleName());
            if (b == s) {
                // Each operation forces its stretch, so neither leaves a dirty page behind.
                assertArrayEquals(new long[]{0, 0}, dirty, "dirty pages after fileChannel and its control forced");
            }
        }
    }
}
