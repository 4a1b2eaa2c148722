package mmapbench.ipc;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/** SHM_*: both map one owner-only file in /dev/shm; the peer sets the ready word once it has mapped it. */
final class ShmTransport extends Transport {

    /** How a shared-memory channel makes one side's endpoint over the mapping. */
    interface Ends {
        Endpoint open(MemorySegment shared, long out, long in, Endpoint.Waiter waiter);
    }

    private final int payload;
    private final Ends ends;
    private final Consumer<MemorySegment> initialize;
    private Path file;
    private Arena arena;
    private MemorySegment shared;

    ShmTransport(int payload, Ends ends, Consumer<MemorySegment> initialize) {
        this.payload = payload;
        this.ends = ends;
        this.initialize = initialize;
    }

    @Override
    String listen() throws IOException {
        file = SharedFiles.create(SharedFiles.folder(), "shm");
        arena = Arena.ofShared();
        shared = map(file, arena);
        initialize.accept(shared);
        return file.toString();
    }

    private MemorySegment map(Path path, Arena in) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // The mapping outlives the channel; the file grows to the mapped size.
            return ch.map(FileChannel.MapMode.READ_WRITE, 0, Wire.fileSize(payload), in);
        }
    }

    @Override
    String awaited() {
        return "map the shared file";
    }

    @Override
    Endpoint poll(Process peer, Endpoint.Waiter waiter) {
        if ((long) SpinEndpoint.SEQ.getAcquire(shared, Wire.READY) != 1L) {
            return null;
        }
        return ends.open(shared, Wire.REQUEST, Wire.reply(payload), waiter);
    }

    @Override
    Endpoint connect(String address) throws IOException {
        MemorySegment mine = map(Path.of(address), Arena.global());
        // The peer's waits need no deadline: it lives only as long as its parent (see Peer).
        Endpoint e = ends.open(mine, Wire.reply(payload), Wire.REQUEST, Endpoint.Waiter.NONE);
        SpinEndpoint.SEQ.setRelease(mine, Wire.READY, 1L);
        return e;
    }

    @Override
    Path leftover(String address) {
        return Path.of(address);
    }

    @Override
    List<Path> files() {
        return file == null ? List.of() : List.of(file);
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
            arena = null;
        }
    }
}
