package mmapbench.report;

import mmapbench.file.Api;
import mmapbench.file.Question;
import mmapbench.profile.IoProfiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What each file row did to memory and the device, from {@code IoProfiler}'s secondary metrics,
 * and whether that fits the cache state it claims: a COLD read that read nothing from the device,
 * a resident file that was read from the device, or a HOT mapped read that faulted, is suspect.
 */
public final class Evidence {

    private static final String MINOR = IoProfiler.MINOR;
    private static final String MAJOR = IoProfiler.MAJOR;
    private static final String READ = IoProfiler.READ;
    private static final String WRITE = IoProfiler.WRITE;
    private static final String PMD = IoProfiler.PMD;

    /** Per operation; NaN where the run had no profiler. */
    public record Line(Question question, Group group, Api api, double minorFaults, double majorFaults,
                       double readBytes, double writeBytes, double pmdMappedMiB, String suspect) {
    }

    private Evidence() {
    }

    public static List<Line> of(List<Row> rows) {
        List<Line> out = new ArrayList<>();
        for (Row r : rows) {
            Optional<Group> group = Group.of(r);
            if (!r.judgeable() || group.isEmpty() || !r.secondary().containsKey(MINOR)) {
                continue;
            }
            double minor = r.secondary().getOrDefault(MINOR, Double.NaN);
            double major = r.secondary().getOrDefault(MAJOR, Double.NaN);
            double read = r.secondary().getOrDefault(READ, Double.NaN);
            double write = r.secondary().getOrDefault(WRITE, Double.NaN);
            out.add(new Line(group.get().question(), group.get(), r.api().orElseThrow(), minor, major, read, write,
                    r.secondary().getOrDefault(PMD, Double.NaN), suspect(r, minor + major, read)));
        }
        return out;
    }

    static String suspect(Row r, double faults, double read) {
        boolean reads = r.fileQuestion().map(q -> !q.writes).orElse(false);
        String cache = r.param("cache");
        long block = r.param("blockSize").isEmpty() ? 0 : Long.parseLong(r.param("blockSize"));
        if (reads && cache.equals("COLD") && read == 0) {
            return "COLD, yet nothing was read from the device";
        }
        // A resident file may still see the odd page read (the JVM's own files): 1% of a block, at least 512 B.
        // Under a memoryLimit (issue 13), WARM holds only part of the file: device reads are the point.
        boolean limited = !r.param("memoryLimit").isEmpty() && !r.param("memoryLimit").equals("none");
        if (reads && !cache.equals("COLD") && !limited && read > Math.max(0.01 * block, 512)) {
            return String.format(Locale.ROOT, "%s, yet %.1f B/op came from the device", cache, read);
        }
        if (reads && cache.equals("HOT") && r.mapped() && faults > 0.001) {
            return String.format(Locale.ROOT, "HOT, yet %.3f page faults/op", faults);
        }
        return "";
    }
}
