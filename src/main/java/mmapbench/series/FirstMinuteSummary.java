package mmapbench.series;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

import java.util.List;
import java.util.Locale;

/**
 * What a series says in words: the window where the cgroup's cache filled (the first that
 * evicts a tenth of what it reads: {@link #fills}),
 * and each side of it: the reads per second's median and spread (10th to 90th percentile), the
 * longest stretch after it that stayed below a tenth of the after-fill median (the paper's mmap
 * "drops to about zero for 3-4 s"), and the TLB shootdowns per second.
 *
 * @param fill the index of the first window where the cache is full; -1 when the cache never filled
 */
public record FirstMinuteSummary(int fill, double fillSeconds, Stats before, Stats after, double longestDropSeconds,
                                 double tlbPerSecondAfter) {

    /** Median and 10th and 90th percentiles of reads per second over some windows; NaN over none. */
    public record Stats(double median, double p10, double p90) {
        static Stats of(List<Window> windows) {
            DescriptiveStatistics d = new DescriptiveStatistics();
            windows.forEach(w -> d.addValue(w.opsPerSecond()));
            return new Stats(d.getPercentile(50), d.getPercentile(10), d.getPercentile(90));
        }

        String words() {
            return Double.isNaN(median) ? "no window" : String.format(Locale.ROOT, "median %s reads/s (%s to %s)",
                    whole(median), whole(p10), whole(p90));
        }
    }

    public static FirstMinuteSummary of(Series s) {
        List<Window> w = s.windows();
        int fill = -1;
        for (int i = 0; i < w.size(); i++) {
            if (fills(w.get(i))) {
                fill = i;
                break;
            }
        }
        if (fill < 0) {
            return new FirstMinuteSummary(-1, Double.NaN, Stats.of(w), Stats.of(List.of()), Double.NaN, Double.NaN);
        }
        List<Window> after = w.subList(fill + 1, w.size());
        Stats afterStats = Stats.of(after);
        double longest = 0;
        double run = 0;
        for (Window x : after) {
            run = x.opsPerSecond() < afterStats.median() / 10 ? run + x.nanos() / 1e9 : 0;
            longest = Math.max(longest, run);
        }
        DescriptiveStatistics tlb = new DescriptiveStatistics();
        after.stream().filter(x -> x.tlbShootdownsPerSecond() >= 0).forEach(x -> tlb.addValue(x.tlbShootdownsPerSecond()));
        return new FirstMinuteSummary(fill, w.get(fill).startNanos() / 1e9, Stats.of(w.subList(0, fill)), afterStats,
                longest, tlb.getN() == 0 ? Double.NaN : tlb.getPercentile(50));
    }

    /**
     * Whether the cache is full in this window: it evicts at least a tenth of what the device
     * brought in ({@value #FULL_SHARE}), so it is making room. A stray eviction or two before that (the
     * JVM's own pages, v1's uncharge events) is not the cache filling. Without device figures,
     * any eviction.
     */
    static boolean fills(Window w) {
        if (w.evictions() <= 0) {
            return false;
        }
        return w.deviceBytes() < 0 || w.evictions() * PAGE >= FULL_SHARE * w.deviceBytes();
    }

    private static final long PAGE = 4096;
    static final double FULL_SHARE = 0.1;

    /** One sentence: when the cache filled and what the reads did before and after. */
    public String sentence() {
        if (fill < 0) {
            return "the cache never filled (no window evicted a tenth of what it read): " + before.words() + ".";
        }
        return String.format(Locale.ROOT, "the cache filled at %.1f s; before, %s; after, %s%s; longest stretch below"
                        + " a tenth of that median: %.1f s; TLB shootdowns after: %s/s.", fillSeconds, before.words(),
                after.words(), Double.isNaN(before.median()) || before.median() == 0 ? ""
                        : String.format(Locale.ROOT, " (%.2fx the median before)", after.median() / before.median()),
                longestDropSeconds, Double.isNaN(tlbPerSecondAfter) ? "unknown" : whole(tlbPerSecondAfter));
    }

    private static String whole(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
