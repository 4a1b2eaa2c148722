package mmapbench.cli;

import java.nio.file.Path;

/**
 * Takes the run lock, says so, and waits to be killed: a run that dies without its shutdown hooks.
 * A refusal is printed as {@code refused: MESSAGE}, exit status 2, as the launcher would.
 */
public final class LockHolderMain {

    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        RunLock lock;
        try {
            lock = RunLock.acquire(Path.of(args[0]), args.length > 1 ? args[1] : "a run about to be killed");
        } catch (UsageException e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(600_000);
        lock.close();
    }
}
