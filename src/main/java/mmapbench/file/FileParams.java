package mmapbench.file;

import mmapbench.fixture.Advice;
import mmapbench.fixture.Folios;
import mmapbench.fixture.MemoryLimit;
import mmapbench.fixture.ReadAround;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The parameters of the file and its state that the average rows ({@link FileBenchmark}) and the
 * tails ({@code mmapbench.tail.TailBenchmark}) share, declared once: JMH finds the {@code @Param}s
 * of a state's superclasses. The cache state, the block size and the count are each class's own,
 * since not every state, size or count exists for every question. JMH wants a {@code @Param}
 * in a {@code @State} class: the subclasses' own scope, a thread's.
 */
@State(Scope.Thread)
public abstract class FileParams {

    /** Bytes in the data file: 4 GiB by default, more than one MappedByteBuffer can map. */
    @Param("4294967296")
    public long fileSize;

    /**
     * madvise for the mapped APIs' fresh mapping (the others ignore it). It decides COLD mapped
     * I/O: a fault reads around the faulting page as far as the device's read_ahead_kb unless
     * the mapping says RANDOM, for a read and for the first write to a page alike. Only NORMAL by
     * default; the full profile runs the others for the mapped methods alone.
     */
    @Param("NORMAL")
    public Advice advice = Advice.NORMAL;

    /**
     * How a resident file sits in the page cache (HOT, WARM): in the large folios a sequential
     * load leaves, or in 4 KiB ones; see {@link Folios}. COLD ignores it.
     */
    @Param("LARGE")
    public Folios folios = Folios.LARGE;

    /**
     * {@code none}, or the share of the data file the page cache may hold (e.g. {@code 25%}):
     * the JVM runs in a memory cgroup limited to it, so the file behaves as one larger than memory.
     * WARM then means "as much as fits", HOT is refused: see {@link MemoryLimit#checkCache}.
     */
    @Param(MemoryLimit.NONE_VALUE)
    public String memoryLimit = MemoryLimit.NONE_VALUE;

    /**
     * {@code device}, or the KiB of read-around to set on the data's device for the trial (as
     * root; restored after): it decides what a COLD mapped read reads. See {@link ReadAround}.
     */
    @Param(ReadAround.DEVICE_VALUE)
    public String readAhead = ReadAround.DEVICE_VALUE;
}
