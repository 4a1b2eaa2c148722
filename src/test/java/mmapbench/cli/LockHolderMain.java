package mmapbench.cli;

import java.nio.file.Path;

/** Takes the run lock, says so, and waits to be killed: a run that dies without its shutdown hooks. */
public final class LockHolderMain {

    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        RunLock lock = RunLock.acquire(Path.of(args[0]), "a run about to be killed");
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(600_000);
        lock.close();
    }
}
