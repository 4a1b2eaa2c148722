package mmapbench.tail;

import mmapbench.file.Api;
import mmapbench.file.FileFixture;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Content;
import mmapbench.fixture.DataFile;
import mmapbench.fixture.Folios;
import mmapbench.fixture.Offsets;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

/**
 * The tail classes do the operations they time, each timed once: every method of
 * {@link WriteTailBenchmark} puts the pattern where it says (the whole file, read back through a
 * different API, equals a model of it with the same writes applied), and every method of
 * {@link OpenReadCloseTailBenchmark} reads the bytes at the offset it says; each records exactly
 * one time per write or read. Run without JMH, through the classes' package-private seams.
 */
class TailOperationsTest {

    private static final long FILE_SIZE = 8L << 20;
    private static final int BLOCK = 4096;

    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        OperationTimes.forgetAll();
    }

    /** Every benchmark method (the APIs and the control) in both of the classes' cache states. */
    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (CacheState cache : List.of(CacheState.WARM, CacheState.COLD)) {
            for (Api api : Api.values()) {
                out.add(Arguments.of(api.method, cache));
            }
            out.add(Arguments.of(Api.FILE_CHANNEL.method + Api.CONTROL_SUFFIX, cache));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void everyTimedWriteLandsWhereItSays(String method, CacheState cache) throws Exception {
        Path file = dir.resolve("scratch");
        byte[] ones = new byte[(int) FILE_SIZE];
        Arrays.fill(ones, (byte) 1);
        Files.write(file, ones);
        WriteTailBenchmark b = new WriteTailBenchmark();
        b.fileSize = FILE_SIZE;
        b.blockSize = BLOCK;
        b.cache = cache;
        b.ops = 500;
        b.checkParams();
        long[] offsets = Offsets.random(FILE_SIZE, BLOCK, 0);
        b.init(FileFixture.of(file, true), offsets);
        byte[] model = ones.clone();
        for (int i = 0; i < b.ops; i++) {
            System.arraycopy(b.pattern(), 0, model, (int) offsets[i], BLOCK);
        }
        cache.establish(file, Folios.LARGE);
        Api api = Api.ofMethod(method);
        b.openHandles(api);
        try {
            WriteTailBenchmark.class.getMethod(method).invoke(b);
        } finally {
            b.closeHandles();
        }
        assertEquals(b.ops, recorded(), "one time a write");
        assertFalse(Arrays.equals(ones, model), "the writes must change the file, or this test proves nothing");
        assertArrayEquals(model, readBack(file, api.mapped ? Api.FILE_CHANNEL : Api.MEMORY_SEGMENT),
                method + " did not write what it claims");
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void everyTimedReadOfAShortLivedOpenReadsItsOffset(String method, CacheState cache) throws Exception {
        Path file = DataFile.ensure(dir, DataFile.Kind.READ, FILE_SIZE, new PrintStream(OutputStream.nullOutputStream()));
        OpenReadCloseTailBenchmark b = new OpenReadCloseTailBenchmark();
        b.fileSize = FILE_SIZE;
        b.blockSize = BLOCK;
        b.cache = cache;
        b.ops = 5;
        b.reads = 7;
        b.checkParams();
        long[] offsets = Offsets.random(FILE_SIZE, BLOCK, 0);
        b.init(FileFixture.of(file, false), offsets);
        cache.establish(file, Folios.LARGE);
        b.beginIteration();
        long sum;
        try {
            sum = (long) OpenReadCloseTailBenchmark.class.getMethod(method).invoke(b);
        } finally {
            b.closeHandles();
        }
        assertEquals(b.ops * b.reads, recorded(), "one time a read, none for an open or a close");
        long expected = 0;
        for (int i = 0; i < b.ops * b.reads; i++) {
            expected += Content.word(DataFile.Kind.READ.seed, offsets[i] >>> 3);
        }
        assertEquals(expected, sum, method + ": the sum of the first words at the 35 offsets, in order");
        long last = offsets[b.ops * b.reads - 1];
        assertEquals(Content.word(DataFile.Kind.READ.seed, last >>> 3),
                b.lastBlock(Api.ofMethod(method)).order(ByteOrder.LITTLE_ENDIAN).getLong(0), method);
    }

    /** The times every registered thread recorded since the last drain. */
    private static long recorded() {
        Histogram h = OperationTimes.newHistogram();
        OperationTimes.drain(h);
        return h.getTotalCount();
    }

    private static byte[] readBack(Path file, Api api) throws Exception {
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
