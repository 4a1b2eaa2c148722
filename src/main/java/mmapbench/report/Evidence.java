package mmapbench.report;

import mmapbench.fixture.CacheState;
import mmapbench.param.Parameter;
import mmapbench.file.Question;
import mmapbench.profile.IoProfiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What each file row did to memory, the page cache and the disk, from {@code IoProfiler}'s
 * secondary metrics, and whether that fits the cache state it claims. Checks are made per
 * iteration as well as per operation, because millions of operations that each read a few bytes
 * from the device can read gigabytes: a COLD read that read nothing in an iteration, a resident
 * file that was read from storage, or a HOT mapped read that faulted, is suspect. A row whose
 * threads the kernel's dirty-page throttle held for part of the window ({@code ·throttled} above
 * 0) is named as throttled: for that share the kernel's pacing, not the API, sets its time.
 */
public final class Evidence {

    /** Per operation unless said; NaN where the run had no such metric. */
    public record Line(Question question, Group group, String method, double minorFaults, double majorFaults,
                       double ioReadBytes, double dirtiedBytes, double diskReadBytes, double diskWrittenBytes,
                       double sleeps, double opsPerIteration, double throttledShare, double dirtyMiB,
                       double pmdMappedMiB, String suspect) {

        public boolean throttled() {
            return throttledShare > 0;
        }
    }

    private Evidence() {
    }

    public static List<Line> of(List<Row> rows) {
        List<Line> out = new ArrayList<>();
        for (Row r : rows) {
            Optional<Group> group = Group.of(r);
            if (!r.judgeable() || group.isEmpty() || !r.secondary().containsKey(IoProfiler.MINOR)) {
                continue;
            }
            Map<String, Double> s = r.secondary();
            double minor = get(s, IoProfiler.MINOR);
            double major = get(s, IoProfiler.MAJOR);
            double read = get(s, IoProfiler.READ);
            double ops = get(s, IoProfiler.OPS);
            out.add(new Line(group.get().question(), group.get(), r.method(), minor, major, read,
                    get(s, IoProfiler.DIRTIED), get(s, IoProfiler.DISK_READ), get(s, IoProfiler.DISK_WRITTEN),
                    get(s, IoProfiler.SLEEPS), ops, get(s, IoProfiler.THROTTLED), get(s, IoProfiler.DIRTY),
                    get(s, IoProfiler.PMD), suspect(r, minor + major, read, ops)));
        }
        return out;
    }

    private static double get(Map<String, Double> s, String key) {
        return s.getOrDefault(key, Double.NaN);
    }

    /**
     * Why the evidence does not fit the row's cache state, or "". {@code ops} is operations per
     * iteration (NaN in runs made before it was recorded: then only the per-operation checks run).
     */
    static String suspect(Row r, double faults, double read, double ops) {
        boolean reads = r.fileQuestion().map(q -> !q.writes).orElse(false);
        CacheState cache = r.value(Parameter.CACHE).orElse(null);
        long block = r.value(Parameter.BLOCK_SIZE).orElse(0L);
        if (reads && cache == CacheState.COLD && read == 0) {
            return "COLD, yet nothing was read from storage";
        }
        // Under a memoryLimit, WARM holds only part of the file: reads from storage are the point.
        boolean limited = r.value(Parameter.MEMORY_LIMIT).map(limit -> !limit.none()).orElse(false);
        if (reads && cache != CacheState.COLD && !limited) {
            // A resident file may see the odd page read (the JVM's own files): allow 1% of what the
            // iteration read and 1 MiB in all; without the operation count, 1% of a block and 512 B an operation.
            double perIteration = read * ops;
            boolean tooMuch = Double.isNaN(ops) ? read > Math.max(0.01 * block, 512)
                    : perIteration > Math.max(0.01 * block * ops, 1 << 20);
            if (tooMuch) {
                return String.format(Locale.ROOT, "%s, yet %.1f B/op (%s per iteration) came from storage", cache, read,
                        Double.isNaN(ops) ? "?" : Numbers.fmt(perIteration / (1 << 20)) + " MiB");
            }
        }
        if (reads && cache == CacheState.HOT && r.mapped() && (faults > 0.001 || !Double.isNaN(ops) && faults * ops > 64)) {
            return String.format(Locale.ROOT, "HOT, yet %.3f page faults/op", faults);
        }
        return "";
    }
}
