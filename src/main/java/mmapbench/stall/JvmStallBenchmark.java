package mmapbench.stall;

import mmapbench.file.SharedFixture;
import mmapbench.fixture.Advice;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.DataFile;
import mmapbench.fixture.HostWatch;
import mmapbench.fixture.JvmOptions;
import mmapbench.fixture.MemoryCgroup;
import mmapbench.fixture.MemoryLimit;
import mmapbench.fixture.Offsets;
import mmapbench.fixture.ParamCheck;
import mmapbench.profile.CgroupCounters;
import mmapbench.profile.IoCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * The JVM-wide stall: while one thread reads a file, what does the rest of the JVM suffer, when
 * the reads go through a mapping (a page fault in Java code holds up every safepoint until it is
 * served) and when they go through {@code pread} (a thread in a system call is in native code
 * and lets a safepoint proceed)?
 *
 * <p>One operation reads {@code blockSize} bytes at the next of {@link Offsets#COUNT} seeded,
 * block-aligned random offsets over the {@code fileSize} file (the same offsets as
 * {@code RandomReadBenchmark}'s single thread), into memory the benchmark owns; one iteration is
 * one call of exactly {@code ops} reads, right after the setup evicted the file ({@code cache=COLD};
 * WARM and HOT without a limit are the controls where nothing faults to the device). Meanwhile a
 * {@link Bystander} thread parks 1 ms at a time and allocates {@code allocation} bytes after each
 * park, so the young generation fills and collections need safepoints during the reads. The
 * score is the reads' time; the row's secondary metrics ({@link Stall}) are what the window cost
 * the bystander (its hiccups, p99 and max, ns) and the JVM's safepoints, from its Flight Recorder
 * ({@link Safepoints}): their count and time, and the time to safepoint, total, p99 and max.
 *
 * <p>The heap is fixed in the fork's options (256 MiB, pre-touched, 16 MiB young generation), so
 * that a collection comes after the same amount of allocation in every fork and the heap's first
 * touches are charged before a {@code memoryLimit} cgroup is joined.
 *
 * <p>Run: {@code ./run-bench.sh -- JvmStall -p fileSize=268435456 -p advice=NORMAL,RANDOM}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// The reads' loop is compiled within the first call (it runs thousands of times); one warm-up
// call is enough, and each call costs an eviction and seconds of device reads.
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 3, jvmArgs = {JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS, "-Xms256m", "-Xmx256m",
        "-Xmn16m", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class JvmStallBenchmark implements ParamCheck {

    /** The file its reader reads: the random reads' own. */
    public static final DataFile.Kind DATA_FILE = DataFile.Kind.READ;

    /** Bytes in the data file (the suite's read file of that size). */
    @Param("4294967296")
    public long fileSize;

    /** COLD: evicted before every iteration, every read goes to the device; WARM and HOT are controls without a limit. */
    @Param("COLD")
    public CacheState cache = CacheState.COLD;

    /** madvise on the mapping: NORMAL reads around each faulting page, RANDOM reads the page alone. */
    @Param("NORMAL")
    public Advice advice = Advice.NORMAL;

    /** {@code none}, or the share of the file the page cache may hold: see {@link MemoryLimit}. */
    @Param(MemoryLimit.NONE_VALUE)
    public String memoryLimit = MemoryLimit.NONE_VALUE;

    /** Bytes per read. */
    @Param("4096")
    public int blockSize = 4096;

    /**
     * Reads one iteration times: a count, so that a per-read figure never depends on JMH's
     * iteration length. Enough for a few collections during a pread or MADV_RANDOM iteration
     * (a few hundred ms); few enough that a NORMAL mapping of a file larger than memory, whose
     * every fault reads the device's whole read-around, ends its iteration in seconds, not minutes.
     */
    @Param("4096")
    public int ops = 4096;

    /** Bytes the bystander allocates after each 1 ms park: what sets how often the JVM collects, and so stops. */
    @Param("262144")
    public int allocation = 262144;

    private Path file;
    private long[] offsets;
    private byte[] block;
    private MemorySegment blockSegment;
    private ByteBuffer direct;
    private MemoryCgroup cgroup;
    private Bystander bystander;
    private Safepoints safepoints;
    private StallWindow window;

    private Arena arena;
    private MemorySegment segment;
    private FileChannel channel;

    @Override
    public void checkParams() {
        Offsets.checkBlock(fileSize, blockSize);
        MemoryLimit limit = MemoryLimit.parse(memoryLimit);
        limit.checkCache(cache);
        if (!limit.none() && cache != CacheState.COLD) {
            throw new IllegalArgumentException("-p memoryLimit=" + limit + " with cache=" + cache
                    + ": the stall benchmark fills a limited cache from cold only; use -p cache=COLD");
        }
        if (ops < 1 || ops > Offsets.COUNT) {
            throw new IllegalArgumentException("-p ops=" + ops + " is not from 1 to " + Offsets.COUNT
                    + " (the seeded offsets an iteration visits once each): use e.g. -p ops=4096");
        }
        if (allocation < 0) {
            throw new IllegalArgumentException("-p allocation=" + allocation + " is negative: use e.g. -p allocation=262144");
        }
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException {
        HostWatch.armInJmhFork();
        prepare(DataFile.ensure(DataFile.dataDir(), DATA_FILE, fileSize, System.out));
    }

    /** The trial's fixture over {@code file}: for tests too, which pass their own. */
    void prepare(Path file) throws IOException {
        checkParams();
        this.file = file;
        offsets = Offsets.random(fileSize, blockSize, 0);
        block = new byte[blockSize];
        blockSegment = MemorySegment.ofArray(block);
        direct = ByteBuffer.allocateDirect(blockSize).order(ByteOrder.LITTLE_ENDIAN);
        // Before the cgroup: the recorder's buffers and threads are charged outside the limit.
        safepoints = Safepoints.start();
        bystander = Bystander.start(allocation);
        window = new StallWindow(bystander, safepoints);
        cgroup = SharedFixture.joinLimit(file, MemoryLimit.parse(memoryLimit), fileSize);
    }

    /** Puts the file in its state, opens both handles (a method uses one), then starts the window. */
    @Setup(Level.Iteration)
    public void open() throws IOException {
        closeHandles();
        cache.establish(file);
        arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            segment = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
        }
        advice.apply(segment);
        cache.prepareMapping(segment);
        channel = FileChannel.open(file, StandardOpenOption.READ);
        IoCounters.markStart();
        window.markStart();
    }

    /** Ends the window (what the bystander and the recorder saw), then closes the handles; not timed. */
    @TearDown(Level.Iteration)
    public void close() throws IOException, InterruptedException {
        endWindow();
    }

    /** The window's end, for tests too: what it cost the rest of the JVM. */
    Stall endWindow() throws IOException, InterruptedException {
        Stall stall = window.markEnd();
        IoCounters.markEnd();
        closeHandles();
        return stall;
    }

    private void closeHandles() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (arena != null) {
            arena.close();
            arena = null;
            segment = null;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        closeHandles();
        bystander.close();
        safepoints.close();
        if (cgroup != null) {
            CgroupCounters.watch(null, false);
            MemoryCgroup c = cgroup;
            cgroup = null;
            c.close();
        }
    }

    /** Reads through the mapping: each read may fault, in Java code, where a safepoint must wait for it. */
    @Benchmark
    public long memorySegment() {
        long sum = 0;
        for (int i = 0; i < ops; i++) {
            MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offsets[i], block, 0, blockSize);
            sum += blockSegment.get(ValueLayout.JAVA_LONG_UNALIGNED, 0);
        }
        return sum;
    }

    /** The same reads through pread: the thread waits for the device in native code. */
    @Benchmark
    public long fileChannel() throws IOException {
        long sum = 0;
        for (int i = 0; i < ops; i++) {
            direct.clear();
            long at = offsets[i];
            while (direct.hasRemaining()) {
                if (channel.read(direct, at + direct.position()) < 0) {
                    throw new IOException("end of file at " + (at + direct.position()));
                }
            }
            sum += direct.getLong(0);
        }
        return sum;
    }
}
