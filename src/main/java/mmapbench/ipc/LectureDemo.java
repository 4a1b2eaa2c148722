package mmapbench.ipc;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * The lecture's example, in Java: a {@code writer} maps a file in /dev/shm and, holding the lock,
 * writes {@code i*i} for i &lt; 500; a {@code reader} waits for the lock, then reads the 500
 * values. The lecture's named mutex becomes a {@link FileLock} on the shared file, Java's
 * cross-process mutex. A count word after the values, written last under the lock, tells the
 * reader that the writer has been there (the lecture has the writer create its mutex already
 * owned, for the same reason).
 *
 * <p>{@code ./run-bench.sh writer [FILE]} in one terminal (it waits for Enter, then deletes the
 * file), {@code ./run-bench.sh reader [FILE] [--verify]} in another.
 */
public final class LectureDemo {

    static final int COUNT = 500;
    static final Path DEFAULT_FILE = SharedFiles.SHM.resolve(SharedFiles.PREFIX + "lecture.shm");
    /** How long the reader waits for the writer, in seconds. */
    static final int WAIT_SECONDS = 10;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** 500 ints of 4 bytes, the lecture's 2000-byte view, then the count word. */
    private static final long COUNT_OFFSET = COUNT * 4L;
    private static final long SIZE = COUNT_OFFSET + 4;

    private LectureDemo() {
    }

    public static void main(String[] args) throws Exception {
        String role = args.length > 0 ? args[0] : "";
        Path file = args.length > 1 && !args[1].startsWith("--") ? Path.of(args[1]) : DEFAULT_FILE;
        boolean verify = args[args.length - 1].equals("--verify");
        switch (role) {
            case "writer" -> writer(file, System.out);
            case "reader" -> System.exit(reader(file, verify, System.out) ? 0 : 1);
            default -> {
                System.err.println("usage: ./run-bench.sh writer [FILE] | ./run-bench.sh reader [FILE] [--verify]");
                System.exit(2);
            }
        }
    }

    static void writer(Path file, PrintStream out) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             Arena arena = Arena.ofConfined()) {
            MemorySegment view = ch.map(FileChannel.MapMode.READ_WRITE, 0, SIZE, arena);
            try (FileLock ignored = ch.lock()) {
                for (int i = 0; i < COUNT; i++) {
                    view.set(INT, i * 4L, i * i);
                }
                view.set(INT, COUNT_OFFSET, COUNT);
            }
            out.println("writer: wrote " + COUNT + " values to " + file + "; press Enter to finish");
            out.flush();
            // The lecture's Console.ReadLine(): keep the file until the user is done. End of input counts.
            int c;
            do {
                c = System.in.read();
            } while (c >= 0 && c != '\n');
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static boolean reader(Path file, boolean verify, PrintStream out) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 Arena arena = Arena.ofConfined()) {
                if (ch.size() >= SIZE) {
                    MemorySegment view = ch.map(FileChannel.MapMode.READ_ONLY, 0, SIZE, arena);
                    try (FileLock ignored = ch.lock()) {
                        if (view.get(INT, COUNT_OFFSET) == COUNT) {
                            return read(view, verify, out);
                        }
                    }
                }
            } catch (NoSuchFileException e) {
                // The writer has not made the file yet.
            }
            if (System.nanoTime() > deadline) {
                System.err.println("reader: no writer wrote " + file + " within " + WAIT_SECONDS
                        + " s: start ./run-bench.sh writer first");
                return false;
            }
            Thread.sleep(10);
        }
    }

    private static boolean read(MemorySegment view, boolean verify, PrintStream out) {
        int wrong = 0;
        for (int i = 0; i < COUNT; i++) {
            int value = view.get(INT, i * 4L);
            if (value != i * i) {
                wrong++;
            }
            if (!verify) {
                out.println(value);
            }
        }
        if (verify || wrong > 0) {
            out.println(wrong == 0 ? "reader: all " + COUNT + " values are i*i"
                    : "reader: " + wrong + " of " + COUNT + " values are not i*i");
        }
        return wrong == 0;
    }
}
