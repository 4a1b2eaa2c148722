package mmapbench.series;

/**
 * One window of a first-minute series: when it began (ns after the series began), how long it
 * lasted, and what happened in it. A count is -1 where the machine did not say.
 *
 * @param ops            reads the reader finished
 * @param majorFaults    the reader JVM's major page faults ({@code /proc/self/stat})
 * @param deviceBytes    bytes the data's block device read, every process ({@code /sys/class/block/DEV/stat})
 * @param evictions      pages the reader's memory cgroup reclaimed (v2 {@code pgsteal}, v1 {@code pgpgout})
 * @param tlbShootdowns  TLB shootdown interrupts, all CPUs ({@code TLB} row of {@code /proc/interrupts})
 */
public record Window(long startNanos, long nanos, long ops, long majorFaults, long deviceBytes, long evictions,
                     long tlbShootdowns) {

    /** Reads per second over the window. */
    public double opsPerSecond() {
        return nanos <= 0 ? 0 : ops * 1e9 / nanos;
    }

    /** TLB shootdowns per second over the window; -1 where unknown. */
    public double tlbShootdownsPerSecond() {
        return tlbShootdowns < 0 || nanos <= 0 ? -1 : tlbShootdowns * 1e9 / nanos;
    }
}
