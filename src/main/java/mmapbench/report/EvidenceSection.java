package mmapbench.report;

import mmapbench.profile.IoProfiler;

import java.util.List;
import java.util.Locale;

/**
 * What each row did to memory, the page cache and the disk ({@link Evidence}), with the rows
 * whose evidence does not fit their cache state, or that the kernel's throttle held, counted up front;
 * nothing for a run without {@code IoProfiler}.
 */
record EvidenceSection(List<Evidence.Line> evidence) implements Section {

    @Override
    public String markdown() {
        if (evidence.isEmpty()) {
            return "";
        }
        long suspects = evidence.stream().filter(e -> !e.suspect().isEmpty()).count();
        StringBuilder md = new StringBuilder("## Evidence per operation\n\n");
        md.append("From `IoProfiler`, over the timed part of each iteration: page faults; storage reads the"
                + " benchmark JVM caused (readahead included) and bytes it dirtied (`/proc/self/io`: counted when a"
                + " page is dirtied, so a write to a clean 2 MiB folio counts 2 MiB); what the data's block device"
                + " read and wrote (`/sys/class/block/*/stat`, all processes); the benchmark thread's sleeps"
                + " (voluntary context switches); the share of the timed window the kernel's dirty-page throttle"
                + " held the benchmark threads (asleep in `balance_dirty_pages`, where the kernel pauses a writer"
                + " that dirties pages faster than they are written back; each thread's wait channel looked at"
                + " every " + IoProfiler.THROTTLE_LOOK_MILLIS + " ms); and MiB of file mappings mapped with 2 MiB"
                + " pages. ")
                .append(suspects == 0 ? "No row is suspect." : suspects + " rows are suspect: their"
                + " evidence does not fit their cache state.").append(' ').append(throttleSentence()).append("\n\n");
        md.append("| question | block, cache | API | minor faults | major faults | storage read (B) | dirtied (B) |"
                + " disk read (B) | disk written (B) | sleeps | throttled | 2 MiB-mapped (MiB) | suspect |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Evidence.Line e : evidence) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    e.question().label(), e.group().label(), e.method(), Numbers.fmt(e.minorFaults()),
                    Numbers.fmt(e.majorFaults()), Numbers.fmt(e.ioReadBytes()), Numbers.fmt(e.dirtiedBytes()),
                    Numbers.fmt(e.diskReadBytes()), Numbers.fmt(e.diskWrittenBytes()), Numbers.fmt(e.sleeps()),
                    throttled(e), Numbers.fmt(e.pmdMappedMiB()), e.suspect()));
        }
        return md.append('\n').toString();
    }

    /** What the throttle did, as far as the counter says: nothing is claimed for a run that did not record it. */
    private String throttleSentence() {
        if (evidence.stream().allMatch(e -> Double.isNaN(e.throttledShare()))) {
            return "This run did not record whether the throttle held a row (its evidence predates the throttle's"
                    + " sampler).";
        }
        long throttled = evidence.stream().filter(Evidence.Line::throttled).count();
        return throttled == 0 ? "No row was held by the throttle." : throttled + " rows were held by the throttle"
                + " for part of their time (the throttled column): for that share the kernel's pacing of dirty pages,"
                + " not the API, sets their time.";
    }

    /** The share of the window the throttle held the threads, in bold: "no" when never, "n/a" for a run that did not record it. */
    private static String throttled(Evidence.Line e) {
        return Double.isNaN(e.throttledShare()) ? "n/a"
                : e.throttled() ? String.format(Locale.ROOT, "**%.0f%%**", 100 * e.throttledShare()) : "no";
    }
}
