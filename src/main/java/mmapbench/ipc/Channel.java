package mmapbench.ipc;

/** The ways two processes can hand each other a message, as {@code @Param channel}. */
public enum Channel {
    /** A mapped file in /dev/shm; the receiver spins on a sequence word (acquire/release). */
    SHM_SPIN,
    /** A mapped file in /dev/shm guarded by a {@code FileLock}: the lecture's mutex pattern. */
    SHM_LOCK,
    /** A {@code SocketChannel} over a Unix domain socket. */
    UNIX_SOCKET,
    /** A {@code SocketChannel} over 127.0.0.1 with TCP_NODELAY. */
    TCP_LOOPBACK,
    /** The peer's standard input and output. */
    PIPE;

    boolean sharedMemory() {
        return this == SHM_SPIN || this == SHM_LOCK;
    }
}
