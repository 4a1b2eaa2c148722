package mmapbench.ipc;

import java.io.IOException;
import java.util.List;

/**
 * Where the benchmark's thread and the peer's run, as {@code @Param cpus}: {@code ANY} is the
 * scheduler's choice; {@code SAME} pins both to one CPU, so every handoff is a context switch on
 * that CPU; {@code SPLIT} pins them to two, so every blocking handoff wakes the other CPU (on a VM
 * an inter-processor interrupt through the hypervisor, and a vCPU that may have halted).
 * The pinning is {@code sched_setaffinity} on the exchanging threads: the benchmark's thread in
 * its trial setup, and the peer's main thread at its start.
 */
public enum Cpus {
    ANY, SAME, SPLIT;

    /** Where each side runs; -1 for the scheduler's choice. */
    record Placement(int benchmark, int peer) {
    }

    /** Picks the CPUs from those the calling thread may use; refuses in one line when there are not two. */
    Placement place() throws IOException {
        if (this == ANY) {
            return new Placement(-1, -1);
        }
        List<Integer> allowed = Affinity.allowed();
        if (allowed.size() < 2) {
            throw new IllegalStateException("cpus=" + this + " needs 2 CPUs, but this thread may run only on CPU "
                    + allowed + ": use -p cpus=ANY");
        }
        return this == SAME ? new Placement(allowed.get(0), allowed.get(0)) : new Placement(allowed.get(0), allowed.get(1));
    }
}
