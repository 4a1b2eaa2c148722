package mmapbench.file;

import mmapbench.fixture.CacheState;
import mmapbench.fixture.Content;
import mmapbench.fixture.DataFile;
import mmapbench.fixture.Offsets;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every read API reads the bytes that are really at each offset: its running checksum over the
 * same offsets equals the checksum of what the generator put there, so all APIs agree.
 */
@ExtendWith(TempDataDir.class)
class ReadChecksumTest {

    static final long FILE_SIZE = 8L << 20;
    /** Operations per check: enough to pass the end of the file for sequential 64 KiB blocks. */
    static final int OPS = 300;

    /** Every API and block size, with independent and dependent offsets. */
    static List<Arguments> randomCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Access access : Access.values()) {
            for (Arguments a : TempDataDir.everyApi(8, 4096, 65536)) {
                cases.add(Arguments.of(a.get()[0], a.get()[1], access));
            }
        }
        return cases;
    }

    static List<Arguments> sequentialCases() {
        return TempDataDir.everyApi(4096, 65536, 1048576);
    }

    @ParameterizedTest(name = "random {0} B, {1}, {2}")
    @MethodSource("randomCases")
    void randomReadsReturnTheFilesBytes(int blockSize, Api api, Access access) throws Exception {
        RandomReadBenchmark b = new RandomReadBenchmark();
        b.access = access;
        b.blockSize = blockSize;
        b.fileSize = FILE_SIZE;
        b.cache = CacheState.WARM;
        b.setUpWithoutJmh();
        long[] offsets = Offsets.random(FILE_SIZE, blockSize);
        CRC32 actual = new CRC32();
        CRC32 expected = new CRC32();
        b.beginIteration(api);
        try {
            for (int i = 0; i < OPS; i++) {
                long first = (long) Invoke.op(b, api);
                ByteBuffer block = b.lastBlock(api);
                assertEquals(block.order(ByteOrder.LITTLE_ENDIAN).getLong(0), first, "the returned word");
                actual.update(block);
                expected.update(Content.bytes(DataFile.Kind.READ.seed, offsets[i], blockSize));
            }
        } finally {
            b.closeHandles();
        }
        assertEquals(expected.getValue(), actual.getValue(), api + " read other bytes than the file holds");
    }

    static List<Arguments> everyApiBothAccess() {
        List<Arguments> cases = new ArrayList<>();
        for (Access access : Access.values()) {
            for (Arguments a : TempDataDir.everyApi(8)) {
                cases.add(Arguments.of(a.get()[1], access));
            }
        }
        return cases;
    }

    /** A call runs its reads in loops of {@code CHUNK}: exactly {@code ops} of them, in order, the last loop short. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("everyApiBothAccess")
    void aCallReadsExactlyItsOpsInLoopsOfAChunk(Api api, Access access) throws Exception {
        RandomReadBenchmark b = new RandomReadBenchmark();
        b.access = access;
        b.blockSize = 8;
        b.fileSize = FILE_SIZE;
        b.cache = CacheState.WARM;
        b.ops = 2 * RandomReadBenchmark.CHUNK + 7;
        b.setUpWithoutJmh();
        long[] offsets = Offsets.random(FILE_SIZE, 8);
        long expected = 0;
        for (int i = 0; i < b.ops; i++) {
            expected += ByteBuffer.wrap(Content.bytes(DataFile.Kind.READ.seed, offsets[i], 8))
                    .order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
        b.beginIteration(api);
        try {
            assertEquals(expected, (long) Invoke.op(b, api), api + ": the sum of the first " + b.ops + " words");
            long next = ByteBuffer.wrap(Content.bytes(DataFile.Kind.READ.seed, offsets[b.ops], 8))
                    .order(ByteOrder.LITTLE_ENDIAN).getLong();
            int after = b.ops;
            b.ops = 1;
            assertEquals(next, (long) Invoke.op(b, api), api + ": the next call goes on at read " + after);
        } finally {
            b.closeHandles();
        }
    }

    @ParameterizedTest(name = "sequential {0} B, {1}")
    @MethodSource("sequentialCases")
    void sequentialReadsReturnTheFilesBytesAndWrapAround(int blockSize, Api api) throws Exception {
        SequentialReadBenchmark b = new SequentialReadBenchmark();
        b.blockSize = blockSize;
        b.fileSize = FILE_SIZE;
        b.cache = CacheState.WARM;
        b.setUpWithoutJmh();
        int ops = (int) Math.min(OPS, FILE_SIZE / blockSize * 2 + 3);
        CRC32 actual = new CRC32();
        CRC32 expected = new CRC32();
        b.beginIteration(api);
        try {
            for (int i = 0; i < ops; i++) {
                long first = (long) Invoke.op(b, api);
                ByteBuffer block = b.lastBlock(api);
                assertEquals(block.order(ByteOrder.LITTLE_ENDIAN).getLong(0), first, "the returned word");
                actual.update(block);
                expected.update(Content.bytes(DataFile.Kind.READ.seed, (long) i * blockSize % FILE_SIZE, blockSize));
            }
        } finally {
            b.closeHandles();
        }
        assertEquals(expected.getValue(), actual.getValue(), api + " read other bytes than the file holds");
    }
}
