package mmapbench.file;

import mmapbench.fixture.CacheState;
import mmapbench.fixture.Content;
import mmapbench.fixture.Offsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Both mapped APIs reach offsets past 2 GiB, where an int index overflows and a single
 * MappedByteBuffer ends. The file is sparse: for this boundary, and only here, that is fine.
 */
class LargeOffsetTest {

    static final int BLOCK = 4096;
    static final long SIZE = (3L << 30) + (1L << 20);
    /** Just below and past 2 GiB, past the 1 GiB buffer seams, and the last block. */
    static final long[] PLACES = {(1L << 30) - BLOCK, 1L << 30, (2L << 30) - BLOCK, 2L << 30, (2L << 30) + (5L << 20),
            3L << 30, SIZE - BLOCK};

    @TempDir
    Path dir;

    private static long[] cycle(long[] places) {
        long[] offsets = new long[Offsets.COUNT];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = places[i % places.length];
        }
        return offsets;
    }

    @Test
    void mappedReadsPastTwoGiB() throws Exception {
        Path file = dir.resolve("sparse.dat");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(SIZE);
            for (long place : PLACES) {
                raf.seek(place);
                raf.write(Content.bytes(7, place, BLOCK));
            }
        }
        for (Api api : new Api[]{Api.MAPPED_BUFFER, Api.MEMORY_SEGMENT}) {
            RandomReadBenchmark b = new RandomReadBenchmark();
            b.blockSize = BLOCK;
            b.fileSize = SIZE;
            b.cache = CacheState.WARM;
            b.init(FileFixture.of(file, false), cycle(PLACES), 7);
            b.beginIteration(api);
            try {
                for (long place : PLACES) {
                    Invoke.op(b, api);
                    assertArrayEquals(Content.bytes(7, place, BLOCK), b.lastBlock(api).array(), api + " at " + place);
                }
            } finally {
                b.closeHandles();
            }
        }
    }

    @Test
    void mappedWritesPastTwoGiB() throws Exception {
        for (Api api : new Api[]{Api.MAPPED_BUFFER, Api.MEMORY_SEGMENT}) {
            Path file = dir.resolve("sparse-" + api + ".dat");
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(SIZE);
            }
            RandomWriteBenchmark b = new RandomWriteBenchmark();
            b.blockSize = BLOCK;
            b.fileSize = SIZE;
            b.cache = CacheState.WARM;
            b.init(FileFixture.of(file, true), cycle(PLACES));
            b.beginIteration(api);
            try {
                for (int i = 0; i < PLACES.length; i++) {
                    Invoke.op(b, api);
                }
            } finally {
                b.closeHandles();
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                for (long place : PLACES) {
                    ByteBuffer got = ByteBuffer.allocate(BLOCK);
                    ch.read(got, place);
                    assertArrayEquals(b.pattern(), got.array(), api + " at " + place);
                }
                ByteBuffer between = ByteBuffer.allocate(BLOCK);
                ch.read(between, (2L << 30) + BLOCK);
                assertArrayEquals(new byte[BLOCK], between.array(), "a write went somewhere else");
            }
        }
    }
}
