package mmapbench.series;

import mmapbench.file.Api;
import mmapbench.fixture.Advice;
import mmapbench.fixture.MemoryCgroup;
import mmapbench.fixture.PageCache;
import mmapbench.fixture.ReadAround;

import java.nio.file.Path;

/**
 * The reader JVM of one API's first minute, started by {@link FirstMinute} with the same
 * {@code java} and class path: evicts the file, joins a memory cgroup of its own limited below
 * the file (after the eviction: a page stays charged to whoever loaded it), reads at random for
 * the run's length, window by window, and writes its {@link Series} as JSON.
 *
 * <p>Arguments: file, API method name, advice, run ms, window ms, cgroup limit in bytes (0: none),
 * output file.
 */
public final class FirstMinuteReader {

    private FirstMinuteReader() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Api api = Api.ofMethod(args[1]);
        Advice advice = Advice.valueOf(args[2]);
        long runNanos = Long.parseLong(args[3]) * 1_000_000;
        long windowNanos = Long.parseLong(args[4]) * 1_000_000;
        long limitBytes = Long.parseLong(args[5]);
        Path out = Path.of(args[6]);
        PageCache.evict(file);
        MemoryCgroup cgroup = limitBytes > 0 ? MemoryCgroup.join(limitBytes) : null;
        try (RandomReader reader = RandomReader.open(api, file, advice, FirstMinute.BLOCK_SIZE)) {
            Series s = Sampling.measure(reader, api, advice, java.nio.file.Files.size(file), limitBytes,
                    ReadAround.current(file.toAbsolutePath().getParent()), runNanos,
                    windowNanos, Sampling.kernel(cgroup == null ? null : cgroup.statFile(), cgroup != null && cgroup.v1()));
            FirstMinuteFile.writeSeries(s, out);
        } finally {
            if (cgroup != null) {
                cgroup.close();
            }
        }
    }
}
