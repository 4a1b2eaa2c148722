package mmapbench.file;

/**
 * Whether one random read must wait for the one before it, as {@code @Param access}.
 *
 * <p>{@link #INDEPENDENT}: the next offset is known in advance, so the CPU keeps several cache
 * and TLB misses in flight and the score is a throughput figure, which can be far below the
 * latency of one miss plus a page walk. {@link #DEPENDENT}: the next offset is computed from the
 * word just read, as in a tree walk or a hash chain, so the misses are taken one at a time and
 * the score is a latency. Every API does the same extra work, one XOR, in both modes; the
 * sequence of offsets is the same.
 */
public enum Access {
    INDEPENDENT,
    DEPENDENT
}
