package mmapbench.report;

import mmapbench.profile.IoProfiler;
import mmapbench.param.Parameter;
import com.fasterxml.jackson.annotation.JsonProperty;
import mmapbench.file.Question;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Folios;

import java.util.Comparator;
import java.util.Optional;

/**
 * The rows that differ only in the API: one question, block size, cache state (with, for a
 * resident file, the folios it sits in: part of the state the API meets, like HOT or WARM, not a
 * variant of it), file size and variant. Ordered as the report prints them.
 *
 * @param folios how the resident file sits in the page cache; null for COLD, which has none
 */
public record Group(Question question, long blockSize, CacheState cache, Folios folios, String fileSize,
                    long ops, long readAroundKb, Variant variant) implements Comparable<Group> {

    private static final Comparator<Group> ORDER = Comparator.comparing(Group::question)
            .thenComparing(Group::variant).thenComparingLong(Group::blockSize).thenComparing(Group::cache)
            .thenComparing(Group::folios, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Group::fileSize).thenComparingLong(Group::ops).thenComparingLong(Group::readAroundKb);

    /** The group of a file row; empty when the row lacks a block size or a cache state a group needs. */
    public static Optional<Group> of(Row r) {
        if (r.fileQuestion().isEmpty()) {
            return Optional.empty();
        }
        Optional<CacheState> cache = r.value(Parameter.CACHE);
        Optional<Long> blockSize = r.value(Parameter.BLOCK_SIZE);
        Optional<Folios> folios = r.value(Parameter.FOLIOS);
        if (cache.isEmpty() || blockSize.isEmpty() || folios.isEmpty()) {
            return Optional.empty();
        }
        // Rows timed by the clock (every row of runs before single-shot iterations) have no count: 0.
        long ops = r.mode().equals(JmhResults.SINGLE_SHOT) ? Parameter.operationsPerCall(r.params()) : 0;
        // What a COLD fault reads around: as the row's evidence saw it (runs before it was recorded: 0).
        long readAround = cache.get() != CacheState.COLD ? 0
                : Math.round(r.secondary().getOrDefault(IoProfiler.READ_AROUND, 0.0));
        return Optional.of(new Group(r.fileQuestion().get(), blockSize.get(), cache.get(),
                cache.get() == CacheState.COLD ? null : folios.get(), r.text(Parameter.FILE_SIZE), ops, readAround,
                Variant.of(r)));
    }

    /** The group whose non-mapped rows a mapped row of this group is compared with. */
    public Group partners() {
        return new Group(question, blockSize, cache, folios, fileSize, ops, readAroundKb, variant.forNonMapped());
    }

    /** Rows whose fork-to-fork variation is estimated together: one question and cache state in one run. */
    public Pool pool() {
        return new Pool(question, cache, folios);
    }

    /** A question in one cache state: the rows whose fork-to-fork variances are pooled. */
    public record Pool(Question question, CacheState cache, Folios folios) {
    }

    /** For people, e.g. "8 B, HOT", "4096 B, WARM, 4 KiB folios" or "4096 B, COLD, madvise RANDOM". Never parsed back. */
    @JsonProperty("label")
    public String label() {
        return blockSize + " B, " + cache + (folios == Folios.SMALL ? ", 4 KiB folios" : "")
                + (readAroundKb > 0 ? ", read-around " + readAroundKb + " KiB" : "")
                + (ops > 0 && cache != CacheState.HOT ? ", first " + ops + " ops" : "")
                + (variant.plain() ? "" : ", " + variant.label());
    }

    @Override
    public int compareTo(Group o) {
        return ORDER.compare(this, o);
    }
}
