package mmapbench.report;

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
                    Variant variant) implements Comparable<Group> {

    private static final Comparator<Group> ORDER = Comparator.comparing(Group::question)
            .thenComparing(Group::variant).thenComparingLong(Group::blockSize).thenComparing(Group::cache)
            .thenComparing(Group::folios, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Group::fileSize);

    /** The group of a file row; empty when the row lacks a block size or a cache state a group needs. */
    public static Optional<Group> of(Row r) {
        if (r.fileQuestion().isEmpty()) {
            return Optional.empty();
        }
        try {
            CacheState cache = CacheState.valueOf(r.param("cache"));
            Folios folios = cache == CacheState.COLD ? null
                    : Folios.valueOf(r.params().getOrDefault("folios", Folios.LARGE.name()));
            return Optional.of(new Group(r.fileQuestion().get(), Long.parseLong(r.param("blockSize")), cache, folios,
                    r.param("fileSize"), Variant.of(r)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The group whose non-mapped rows a mapped row of this group is compared with. */
    public Group partners() {
        return new Group(question, blockSize, cache, folios, fileSize, variant.forNonMapped());
    }

    /** Rows whose fork-to-fork variation is estimated together: one question and cache state in one run. */
    public Leg leg() {
        return new Leg(question, cache, folios);
    }

    public record Leg(Question question, CacheState cache, Folios folios) {
    }

    /** For people, e.g. "8 B, HOT", "4096 B, WARM, 4 KiB folios" or "4096 B, COLD, madvise RANDOM". Never parsed back. */
    @JsonProperty("label")
    public String label() {
        return blockSize + " B, " + cache + (folios == Folios.SMALL ? ", 4 KiB folios" : "")
                + (variant.plain() ? "" : ", " + variant.label());
    }

    @Override
    public int compareTo(Group o) {
        return ORDER.compare(this, o);
    }
}
