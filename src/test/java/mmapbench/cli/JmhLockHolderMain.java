package mmapbench.cli;

import java.io.RandomAccessFile;
import java.nio.channels.FileLock;

/** Holds JMH's lock file as JMH's Runner does (an fcntl lock through RandomAccessFile "rw"), says so, and waits. */
public final class JmhLockHolderMain {

    private JmhLockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(args[0], "rw"); FileLock lock = raf.getChannel().lock()) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(600_000);
        }
    }
}
