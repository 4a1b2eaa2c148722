package mmapbench.report;

import mmapbench.param.Parameter;
import mmapbench.file.Question;
import mmapbench.fixture.CacheState;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How fast the data's "device" went in this run, from its own rows: the fastest COLD sequential
 * read (block size over time per operation) and the fastest forced write (a forced operation is
 * a whole stretch of {@code forceEvery} bytes and its {@code force}). Said beside what COLD and
 * "durable" mean, and flagged when no local disk could have done it: then the numbers measure a
 * cache beneath the guest, and a reader of the run must know.
 *
 * @param coldReadGBps    the fastest COLD sequential read, GB/s; NaN when the run has none
 * @param coldReadRow     which row that was
 * @param forcedWriteGBps the fastest forced sequential write, GB/s; NaN when the run has none
 * @param forcedWriteRow  which row that was
 */
public record Device(double coldReadGBps, String coldReadRow, double forcedWriteGBps, String forcedWriteRow) {

    /**
     * Faster than any single local disk: a PCIe 4.0 x4 link carries 7.9 GB/s, and the fastest
     * PCIe 4.0 NVMe SSDs read about 7 GB/s and write less. (PCIe 5.0 drives read up to 14 GB/s,
     * but are rare in servers and absent from cloud VMs' virtual disks.)
     */
    static final double LOCAL_DISK_CEILING_GBPS = 7.0;

    static Device of(List<Row> rows) {
        Row read = null;
        double readSpeed = Double.NaN;
        Row write = null;
        double writeSpeed = Double.NaN;
        for (Row r : rows) {
            // Plain rows (one thread, NORMAL advice, no memory limit), forced or not.
            if (!r.judgeable() || r.control() || !Variant.of(r).settings().keySet().stream()
                    .allMatch(Variant.Param.FORCE_EVERY.name::equals)) {
                continue;
            }
            Question q = r.fileQuestion().orElseThrow();
            long blockSize = r.value(Parameter.BLOCK_SIZE).orElse(0L);
            if (q == Question.SEQUENTIAL_READ && r.value(Parameter.CACHE).orElse(null) == CacheState.COLD
                    && !wrapped(r, blockSize)) {
                double s = blockSize / r.score();
                if (read == null || s > readSpeed) {
                    read = r;
                    readSpeed = s;
                }
            }
            long force = r.value(Parameter.FORCE_EVERY).orElse(0L);
            if (q == Question.SEQUENTIAL_WRITE && force > 0) {
                double s = force / r.score();
                if (write == null || s > writeSpeed) {
                    write = r;
                    writeSpeed = s;
                }
            }
        }
        return new Device(readSpeed, describe(read), writeSpeed, describe(write));
    }

    /**
     * Whether an iteration read past the end of the file and wrapped to its start, whose pages
     * were then in this kernel's own cache: such a row is no device speed.
     */
    private static boolean wrapped(Row r, long blockSize) {
        Double ops = r.secondary().get(mmapbench.profile.IoProfiler.OPS);
        return ops != null && r.value(Parameter.FILE_SIZE).map(size -> ops * blockSize > size).orElse(false);
    }

    private static String describe(Row r) {
        if (r == null) {
            return null;
        }
        long force = r.value(Parameter.FORCE_EVERY).orElse(0L);
        return r.method() + " " + r.blockAndCache() + (force == 0 ? "" : ", forced every " + force + " B");
    }

    public boolean readBeyondLocalDisk() {
        return coldReadGBps > LOCAL_DISK_CEILING_GBPS;
    }

    public boolean writeBeyondLocalDisk() {
        return forcedWriteGBps > LOCAL_DISK_CEILING_GBPS;
    }

    /** The report's section; empty when the run has neither a COLD sequential read nor a forced write. */
    String section(Map<String, Object> environment) {
        if (Double.isNaN(coldReadGBps) && Double.isNaN(forcedWriteGBps)) {
            return "";
        }
        Object hypervisor = environment.get("hypervisor");
        boolean guest = hypervisor != null && !"none".equals(hypervisor);
        String beneath = guest ? "a cache beneath the guest, the host's memory most likely"
                : "a cache or an array of disks beneath the file system";
        Optional<Object> device = Optional.ofNullable(environment.get("blockDevice"));
        StringBuilder md = new StringBuilder("## What COLD and durable mean on this machine\n\n");
        md.append("The data's device is `").append(device.orElse("unknown")).append("`")
                .append(guest ? ", a virtual disk (hypervisor: " + hypervisor + ")" : "")
                .append(environment.get("writeCache") == null ? "" : " (write cache: " + environment.get("writeCache") + ")")
                .append(".\n\n");
        if (!Double.isNaN(coldReadGBps)) {
            md.append(String.format(Locale.ROOT, "- **COLD** means: not in this kernel's page cache (evicted with"
                    + " `posix_fadvise(DONTNEED)` before every iteration, checked with `cachestat`/`mincore`), so every"
                    + " first touch goes to the block device. The fastest COLD sequential read here ran at **%.1f GB/s**"
                    + " (%s).", coldReadGBps, coldReadRow));
            md.append(readBeyondLocalDisk() ? String.format(Locale.ROOT, " **No single local disk reads that fast**"
                    + " (the fastest PCIe 4.0 SSDs read about %.0f GB/s): these reads were served by %s. COLD rows"
                    + " here measure the kernel's block layer and that cache, not a disk; on a machine with one real"
                    + " disk they will be slower.", LOCAL_DISK_CEILING_GBPS, beneath) : guest ? " On a virtual disk the host may still serve part of that from its"
                    + " own cache." : "").append('\n');
        }
        if (!Double.isNaN(forcedWriteGBps)) {
            md.append(String.format(Locale.ROOT, "- **Durable** (a forced write: `force`, `fsync` or `msync`) means:"
                    + " the device acknowledged the data after the kernel asked it to flush its write cache. The fastest"
                    + " forced write here ran at **%.1f GB/s** (%s), overwriting blocks the file already owns (a write to"
                    + " newly allocated blocks also pays the file system's allocation).", forcedWriteGBps, forcedWriteRow));
            md.append(writeBeyondLocalDisk() ? String.format(Locale.ROOT, " **No single local disk writes that fast**"
                    + " (under %.0f GB/s): the flush was acknowledged by %s, and \"durable\" means \"handed to that"
                    + " cache\", not \"on stable media\".", LOCAL_DISK_CEILING_GBPS, beneath)
                    : guest ? " On a virtual disk the host acknowledges the flush: whether the data is on stable media"
                    + " then is the host's business, not the guest's." : "").append('\n');
        }
        return md.append('\n').toString();
    }
}
