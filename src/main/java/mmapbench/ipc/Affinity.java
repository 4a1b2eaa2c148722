package mmapbench.ipc;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/** The calling thread's CPU affinity, read, pinned and put back (only that thread: tid 0). */
final class Affinity {

    private Affinity() {
    }

    /** The CPUs the calling thread may run on, in order. */
    static List<Integer> allowed() throws IOException {
        byte[] mask = save();
        List<Integer> cpus = new ArrayList<>();
        for (int i = 0; i < mask.length * 8; i++) {
            if ((mask[i / 8] & (1 << (i % 8))) != 0) {
                cpus.add(i);
            }
        }
        return cpus;
    }

    /** Pins the calling thread to {@code cpu}; -1 leaves it alone. */
    static void pin(int cpu) throws IOException {
        if (cpu < 0) {
            return;
        }
        byte[] mask = new byte[(int) Linux.CPU_MASK_BYTES];
        mask[cpu / 8] = (byte) (1 << (cpu % 8));
        restore(mask);
        if (!allowed().equals(List.of(cpu))) {
            throw new IOException("sched_setaffinity to CPU " + cpu + " did not take: the thread may run on " + allowed());
        }
    }

    static byte[] save() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(Linux.CPU_MASK_BYTES, 8);
            Linux.getAffinity(mask);
            return mask.toArray(ValueLayout.JAVA_BYTE);
        }
    }

    static void restore(byte[] saved) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mask = arena.allocate(Linux.CPU_MASK_BYTES, 8);
            MemorySegment.copy(saved, 0, mask, ValueLayout.JAVA_BYTE, 0, saved.length);
            Linux.setAffinity(mask);
        }
    }
}
