package mmapbench.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;

/**
 * One run at a time on a machine: two runs destroy each other's cache states (one's eviction is
 * the other's cold start) and share two CPUs. The lock is an advisory {@code fcntl} lock on a file
 * in the system's temporary folder, which the kernel releases when the process dies, however it
 * dies: a killed run never blocks the next one. The file says who holds it, for the refusal.
 */
final class RunLock implements AutoCloseable {

    /** The lock file: one per machine (per temporary folder), whichever checkout runs. */
    static Path defaultFile() {
        return Path.of(System.getProperty("java.io.tmpdir"), "mmap-bench.lock");
    }

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the machine for this run, or refuses in one line that names the run that holds it.
     *
     * @throws UsageException when another live run holds the lock
     */
    static RunLock acquire(Path file, String what) throws UsageException, IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            // This very process holds it already.
            lock = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String holder = read(ch).strip();
            ch.close();
            throw new UsageException("another mmap-bench run holds this machine (" + (holder.isEmpty() ? "lock " + file
                    : holder) + "): two runs at once would spoil each other's cache states; wait for it to end,"
                    + " or stop it");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started "
                + OffsetDateTime.now().withNano(0) + ", " + what).getBytes(StandardCharsets.UTF_8)), 0);
        return new RunLock(ch, lock);
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1024);
        ch.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0);
            lock.release();
        } finally {
            channel.close();
        }
    }
}
