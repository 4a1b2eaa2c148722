package mmapbench.file;

import mmapbench.fixture.CacheState;
import mmapbench.fixture.DataFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every write API puts its bytes where it says: after a run of operations the whole file, read
 * back through a different API, equals a model of the file with the same writes applied.
 */
@ExtendWith(TempDataDir.class)
class WriteReadBackTest {

    static final long FILE_SIZE = 8L << 20;

    static List<Arguments> randomCases() {
        return TempDataDir.everyApi(8, 4096, 65536);
    }

    static List<Arguments> sequentialCases() {
        List<Arguments> cases = new ArrayList<>();
        for (int block : new int[]{4096, 65536, 1048576}) {
            for (long forceEvery : new long[]{0, 2L << 20}) {
                for (Api api : Api.values()) {
                    cases.add(Arguments.of(block, forceEvery, api));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "random {0} B, {1}")
    @MethodSource("randomCases")
    void randomWritesLandWhereTheySay(int blockSize, Api api) throws Exception {
        RandomWriteBenchmark b = new RandomWriteBenchmark();
        b.blockSize = blockSize;
        b.fileSize = FILE_SIZE;
        b.cache = CacheState.WARM;
        b.setUpWithoutJmh();
        scribble(b.file());
        byte[] model = readBack(b.file(), Api.FILE_CHANNEL);
        byte[] before = model.clone();
        int ops = 500;
        b.beginIteration(api);
        try {
            for (int i = 0; i < ops; i++) {
                Invoke.op(b, api);
                System.arraycopy(b.pattern(), 0, model, (int) b.offsets()[i], blockSize);
            }
        } finally {
            b.closeHandles();
        }
        assertFalse(Arrays.equals(before, model), "the writes must change the file, or this test proves nothing");
        assertArrayEquals(model, readBack(b.file(), other(api)), api + " did not write what it claims");
    }

    @ParameterizedTest(name = "sequential {0} B, forceEvery {1}, {2}")
    @MethodSource("sequentialCases")
    void sequentialWritesFillTheFileAndWrapAround(int blockSize, long forceEvery, Api api) throws Exception {
        SequentialWriteBenchmark b = new SequentialWriteBenchmark();
        b.blockSize = blockSize;
        b.fileSize = FILE_SIZE;
        b.cache = CacheState.WARM;
        b.forceEvery = forceEvery;
        b.setUpWithoutJmh();
        scribble(b.file());
        byte[] model = readBack(b.file(), Api.FILE_CHANNEL);
        byte[] before = model.clone();
        int blocks = (int) (FILE_SIZE / blockSize);
        // One block an operation, or one whole stretch; past the end of the file either way.
        int perOp = forceEvery == 0 ? 1 : (int) (forceEvery / blockSize);
        int ops = blocks / perOp + 1;
        b.beginIteration(api);
        long dirtyAfterUnforcedOps = 0;
        try {
            for (int i = 0; i < ops; i++) {
                Invoke.op(b, api);
                for (int j = 0; j < perOp; j++) {
                    System.arraycopy(b.pattern(), 0, model, ((i * perOp + j) % blocks) * blockSize, blockSize);
                }
                // Every forced operation forces its own stretch: none of the file is left dirty after it.
                long dirty = dirtyPages(b.file());
                if (forceEvery > 0) {
                    assertEquals(0, dirty, api + ": dirty pages after forced operation " + i);
                } else {
                    dirtyAfterUnforcedOps = Math.max(dirtyAfterUnforcedOps, dirty);
                }
            }
        } finally {
            b.closeHandles();
        }
        assertFalse(Arrays.equals(before, model));
        assertArrayEquals(model, readBack(b.file(), other(api)), api + " did not write what it claims");
        if (forceEvery == 0) {
            assertTrue(dirtyAfterUnforcedOps > 0, api + ": unforced writes left no page dirty, so the forced"
                    + " case's check of none could not see a missing force");
        }
    }

    /**
     * A forced stretch reaches the device: right after one operation the kernel's own page flags
     * show none of the file's pages dirty, while the same bytes written without forcing leave
     * them dirty. Counting the calls would not prove the bytes moved.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("apis")
    void aForcedStretchLeavesNoDirtyPage(Api api) throws Exception {
        for (long forceEvery : new long[]{0, FILE_SIZE}) {
            SequentialWriteBenchmark b = new SequentialWriteBenchmark();
            b.blockSize = 65536;
            b.fileSize = FILE_SIZE;
            b.cache = CacheState.WARM;
            b.forceEvery = forceEvery;
            b.setUpWithoutJmh();
            b.beginIteration(api);
            try {
                // The whole file: one forced stretch, or as many unforced blocks.
                for (int i = 0; i < (forceEvery == 0 ? FILE_SIZE / 65536 : 1); i++) {
                    Invoke.op(b, api);
                }
            } finally {
                b.closeHandles();
            }
            long[] flags = mmapbench.fixture.TestFiles.pageFlags(b.file());
            org.junit.jupiter.api.Assumptions.assumeTrue(flags != null, "page frames are hidden: not root");
            long dirty = mmapbench.fixture.TestFiles.count(flags, mmapbench.fixture.TestFiles.KPF_DIRTY);
            if (forceEvery == 0) {
                assertTrue(dirty > flags.length / 2, api + ": unforced writes left only " + dirty + " dirty pages,"
                        + " so this check could not see a missing force");
            } else {
                assertEquals(0, dirty, api + ": dirty pages after a forced stretch");
            }
        }
    }

    static List<Api> apis() {
        return List.of(Api.values());
    }

    @Test
    void writeBenchmarksNeverTouchTheFileThatReadsTrust() throws Exception {
        Path read = DataFile.ensure(DataFile.dataDir(), DataFile.Kind.READ, FILE_SIZE, new PrintStream(OutputStream.nullOutputStream()));
        long modified = Files.getLastModifiedTime(read).toMillis();
        RandomWriteBenchmark b = new RandomWriteBenchmark();
        b.blockSize = 4096;
        b.fileSize = FILE_SIZE;
        b.cache = CacheState.COLD;
        b.setUpWithoutJmh();
        b.beginIteration(Api.MEMORY_SEGMENT);
        for (int i = 0; i < 100; i++) {
            b.memorySegment();
        }
        b.closeHandles();
        assertFalse(b.file().equals(read));
        assertTrue(DataFile.isCurrent(DataFile.dataDir(), DataFile.Kind.READ, FILE_SIZE));
        assertTrue(modified == Files.getLastModifiedTime(read).toMillis());
    }

    /** Overwrites the scratch file, so that an earlier case's pattern is not already where this one writes. */
    private static void scribble(Path file) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer ones = ByteBuffer.allocate((int) FILE_SIZE);
            Arrays.fill(ones.array(), (byte) 1);
            ch.write(ones, 0);
        }
    }

    /** The file's dirty pages, as the kernel counts them (cachestat(2): no root needed, unlike page flags). */
    private static long dirtyPages(Path file) throws Exception {
        long[] stat = mmapbench.fixture.Native.cachestat(file);
        org.junit.jupiter.api.Assumptions.assumeTrue(stat != null, "this kernel has no cachestat(2) (before 6.5)");
        return stat[1];
    }

    /** A read-back API that is not the one that wrote. */
    private static Api other(Api writer) {
        return writer.mapped ? Api.FILE_CHANNEL : Api.MEMORY_SEGMENT;
    }

    static byte[] readBack(Path file, Api api) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            byte[] all = new byte[(int) ch.size()];
            if (api == Api.MEMORY_SEGMENT) {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
                    MemorySegment.copy(map, ValueLayout.JAVA_BYTE, 0, all, 0, all.length);
                }
            } else {
                ByteBuffer buf = ByteBuffer.wrap(all);
                while (buf.hasRemaining()) {
                    ch.read(buf, buf.position());
                }
            }
            return all;
        }
    }
}
