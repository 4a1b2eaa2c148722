package mmapbench.cli;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A lock file held through a descriptor of its own and {@code flock(2)}, through FFM: what
 * {@link java.nio.channels.FileChannel#tryLock} cannot do. An exclusive {@code FileChannel} lock is
 * an {@code fcntl} write lock, which needs a descriptor open for writing, so a user could never
 * lock a file another user made without write access for all; {@code flock} takes an exclusive
 * lock through a read-only descriptor too. The file is opened without following a symbolic link
 * and without blocking (a FIFO put in its place would otherwise hang the open), and it is made
 * only with {@code O_EXCL}: in a world-writable sticky folder such as {@code /tmp} the kernel may
 * refuse {@code O_CREAT} on a file another user owns ({@code fs.protected_regular}).
 */
final class LockFile implements AutoCloseable {

    private static final int O_RDONLY = 0;
    private static final int O_RDWR = 2;
    private static final int O_CREAT = 0100;
    private static final int O_EXCL = 0200;
    private static final int O_NONBLOCK = 04000;
    private static final int O_CLOEXEC = 02000000;
    /** asm-generic's value; arm64 has its own. */
    private static final int O_NOFOLLOW = "aarch64".equals(System.getProperty("os.arch")) ? 0100000 : 0400000;
    private static final int LOCK_EX = 2;
    private static final int LOCK_NB = 4;

    static final int ENOENT = 2;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int ELOOP = 40;
    static final int EWOULDBLOCK = 11;
    /** Not an errno: what {@link #open} reports for a path that is there but not a regular file. */
    static final int NOT_REGULAR = -1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /** open(2) is variadic: the mode follows the flags. */
    private static final MethodHandle OPEN = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("open"),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), CAPTURE_ERRNO,
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle FLOCK = downcall("flock", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle FCHMOD = downcall("fchmod", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle FTRUNCATE = downcall("ftruncate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle PWRITE = downcall("pwrite",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle PREAD = downcall("pread",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow("strerror"),
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    /** A call that failed, with its errno: the caller turns the ones a user can cause into a line with the fix. */
    static final class Failure extends IOException {
        final int errno;

        Failure(String what, int errno) {
            super(what + ": " + strerror(errno));
            this.errno = errno;
        }
    }

    private final Path path;
    private final int fd;
    private final boolean writable;
    private boolean closed;

    private LockFile(Path path, int fd, boolean writable) {
        this.path = path;
        this.fd = fd;
        this.writable = writable;
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), descriptor, CAPTURE_ERRNO);
    }

    /**
     * Opens {@code path}: read-write where this user may, else read-only (enough for the lock);
     * made, readable and writable for every user whatever the umask, where it is missing.
     *
     * @throws Failure ELOOP for a symbolic link, EACCES where it cannot be opened or made
     */
    static LockFile open(Path path) throws IOException {
        int common = O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;
        for (int attempt = 0; ; attempt++) {
            int[] errno = new int[1];
            int fd = open(path, O_RDWR | common, 0, errno);
            boolean writable = fd >= 0;
            if (fd < 0 && errno[0] == EACCES) {
                fd = open(path, O_RDONLY | common, 0, errno);
            } else if (fd < 0 && errno[0] == ENOENT) {
                fd = open(path, O_RDWR | O_CREAT | O_EXCL | common, 0666, errno);
                writable = fd >= 0;
                if (fd < 0 && errno[0] == EEXIST && attempt < 3) {
                    // Another run made it between the two opens: open it as it is.
                    continue;
                }
            }
            if (fd < 0) {
                throw new Failure("open " + path, errno[0]);
            }
            LockFile file = new LockFile(path, fd, writable);
            if (!Files.isRegularFile(Path.of("/proc/self/fd", String.valueOf(fd)))) {
                file.close();
                throw new Failure("open " + path, NOT_REGULAR);
            }
            if (writable) {
                // Whoever runs next, as whichever user, can write it too: the umask took 0022 off a
                // new file, and one an older version made is 0644.
                file.shareWithEveryUser();
            }
            return file;
        }
    }

    private static int open(Path path, int flags, int mode, int[] errno) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int fd = (int) OPEN.invokeExact(state, arena.allocateFrom(path.toString()), flags, mode);
            errno[0] = fd < 0 ? (int) ERRNO.get(state, 0L) : 0;
            return fd;
        } catch (Throwable t) {
            throw asIoException(t);
        }
    }

    boolean writable() {
        return writable;
    }

    /** Takes the exclusive lock without waiting; false when another open of the file holds it. */
    boolean tryLock() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int rc = (int) FLOCK.invokeExact(state, fd, LOCK_EX | LOCK_NB);
            if (rc == 0) {
                return true;
            }
            int errno = (int) ERRNO.get(state, 0L);
            if (errno == EWOULDBLOCK) {
                return false;
            }
            throw new Failure("flock " + path, errno);
        } catch (Throwable t) {
            throw asIoException(t);
        }
    }

    /** Replaces the file's text (a writable file only). */
    void write(String text) throws IOException {
        truncate();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment buf = arena.allocateFrom(JAVA_BYTE, bytes);
            long n = (long) PWRITE.invokeExact(state, fd, buf, (long) bytes.length, 0L);
            if (n < 0) {
                throw new Failure("pwrite " + path, (int) ERRNO.get(state, 0L));
            }
        } catch (Throwable t) {
            throw asIoException(t);
        }
    }

    /** The file's first KiB of text. */
    String read() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment buf = arena.allocate(1024);
            long n = (long) PREAD.invokeExact(state, fd, buf, 1024L, 0L);
            if (n < 0) {
                throw new Failure("pread " + path, (int) ERRNO.get(state, 0L));
            }
            return new String(buf.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
        } catch (Throwable t) {
            throw asIoException(t);
        }
    }

    /** Empties the file (a writable file only). */
    void truncate() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            if ((int) FTRUNCATE.invokeExact(state, fd, 0L) != 0) {
                throw new Failure("ftruncate " + path, (int) ERRNO.get(state, 0L));
            }
        } catch (Throwable t) {
            throw asIoException(t);
        }
    }

    /**
     * Makes the file readable and writable for every user, whatever the umask took off; only its
     * owner (or root) may, so for anyone else this does nothing.
     */
    private void shareWithEveryUser() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int ignored = (int) FCHMOD.invokeExact(state, fd, 0666);
        } catch (Throwable t) {
            throw asIoException(t);
        }
    }

    /** Closes the descriptor, which releases the lock: the kernel does the same when the process dies. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            int ignored = (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw asIoException(t);
        }
    }

    static String strerror(int errno) {
        if (errno == NOT_REGULAR) {
            return "not a regular file";
        }
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(Integer.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private static IOException asIoException(Throwable t) {
        if (t instanceof IOException e) {
            return e;
        }
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IOException(t);
    }
}
