package mmapbench.series;

import java.util.List;

/**
 * What one API did through the first minute of a file larger than its page cache: reads at
 * random from a cold start for {@code runNanos}, split into windows that add up to the whole run.
 *
 * @param api         the API, named as the benchmark methods are ({@code memorySegment}, {@code fileChannel})
 * @param advice      madvise on the mapping (NORMAL for the APIs that map nothing)
 * @param limitBytes  the memory cgroup's limit the reader ran under; 0 for none
 * @param runNanos    from the first window's start to the last one's end
 * @param totalOps    every read of the run: the windows' reads add up to it
 * @param readAroundKb the data device's read-around (KiB, -1 unknown): how much a NORMAL mapped fault reads
 */
public record Series(String api, String advice, long fileSize, long limitBytes, int blockSize, long windowMillis,
                     long runNanos, long totalOps, long readAroundKb, List<Window> windows) {

    /** "memorySegment", or "memorySegment, MADV_RANDOM": how the report names it. */
    public String label() {
        return "NORMAL".equals(advice) ? api : api + ", MADV_" + advice;
    }
}
