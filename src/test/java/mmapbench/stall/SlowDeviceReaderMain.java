package mmapbench.stall;

import mmapbench.fixture.Advice;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stall benchmark's iteration by hand, in a JVM that first joins a block-I/O cgroup the test
 * throttled (so every read the device serves takes tens of ms): {@code memorySegment} or
 * {@code fileChannel}, MADV_RANDOM, over an evicted file. Prints the window's {@link Stall}.
 * Arguments: method, file, cgroup directory.
 */
public final class SlowDeviceReaderMain {

    private SlowDeviceReaderMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        Files.writeString(Path.of(args[2], "cgroup.procs"), Long.toString(ProcessHandle.current().pid()));
        JvmStallBenchmark b = new JvmStallBenchmark();
        b.fileSize = Files.size(file);
        b.advice = Advice.RANDOM;
        b.ops = 40;
        b.prepare(file);
        try {
            b.open();
            long sum = args[0].equals("memorySegment") ? b.memorySegment() : b.fileChannel();
            Stall stall = b.endWindow();
            System.out.println("sum=" + sum + " " + stall);
        } finally {
            b.tearDown();
        }
    }
}
