package mmapbench.stall;

/**
 * A JVM whose reader thread holds up every safepoint, or does not, while a {@link Bystander}
 * allocates: {@code spin} runs a long counted loop that the JIT, with
 * {@code -XX:-UseCountedLoopSafepoints}, compiles without a safepoint poll (as a page fault in
 * Java code, it keeps the thread "in Java" until it is done); {@code sleep} waits as long in
 * native code, as a thread in {@code pread} does. Prints the window's {@link Stall}, one line.
 */
public final class StallHolderMain {

    private static volatile int sink;

    private StallHolderMain() {
    }

    static int spin(int n) {
        int x = 1;
        for (int i = 0; i < n; i++) {
            x = x * 31 + i;
        }
        return x;
    }

    public static void main(String[] args) throws Exception {
        boolean spin = args[0].equals("spin");
        // Compiled before the window, so that the long call runs the poll-less compiled loop.
        for (int i = 0; i < 2000; i++) {
            sink += spin(100_000);
        }
        try (Safepoints safepoints = Safepoints.start(); Bystander bystander = Bystander.start(262144)) {
            StallWindow window = new StallWindow(bystander, safepoints);
            Thread.sleep(200);
            window.markStart();
            long start = System.nanoTime();
            if (spin) {
                sink += spin(1 << 30);
            } else {
                Thread.sleep(1000);
            }
            long took = System.nanoTime() - start;
            Stall stall = window.markEnd();
            System.out.println("took=" + took + " " + stall);
        }
    }
}
