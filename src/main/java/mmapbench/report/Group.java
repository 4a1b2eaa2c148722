package mmapbench.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import mmapbench.file.Question;
import mmapbench.fixture.CacheState;

import java.util.Comparator;
import java.util.Optional;

/**
 * The rows that differ only in the API: one question, block size, cache state, file size and
 * variant. Ordered as the report prints them.
 */
public record Group(Question question, long blockSize, CacheState cache, String fileSize, Variant variant)
        implements Comparable<Group> {

    private static final Comparator<Group> ORDER = Comparator.comparing(Group::question)
            .thenComparing(Group::variant).thenComparingLong(Group::blockSize).thenComparing(Group::cache)
            .thenComparing(Group::fileSize);

    /** The group of a file row; empty when the row lacks a block size or a cache state a group needs. */
    public static Optional<Group> of(Row r) {
        if (r.fileQuestion().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Group(r.fileQuestion().get(), Long.parseLong(r.param("blockSize")),
                    CacheState.valueOf(r.param("cache")), r.param("fileSize"), Variant.of(r)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The group whose non-mapped rows a mapped row of this group is compared with. */
    public Group partners() {
        return new Group(question, blockSize, cache, fileSize, variant.forNonMapped());
    }

    /** Rows whose fork-to-fork variation is estimated together: one question and cache state in one run. */
    public Leg leg() {
        return new Leg(question, cache);
    }

    public record Leg(Question question, CacheState cache) {
    }

    /** For people, e.g. "8 B, HOT" or "4096 B, COLD, madvise RANDOM". Never parsed back. */
    @JsonProperty("label")
    public String label() {
        return blockSize + " B, " + cache + (variant.plain() ? "" : ", " + variant.label());
    }

    @Override
    public int compareTo(Group o) {
        return ORDER.compare(this, o);
    }
}
