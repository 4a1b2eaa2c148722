package mmapbench.ipc;

/** The ways two processes can hand each other a message, as {@code @Param channel}; the report lists them in this order. */
public enum Channel {
    /** A mapped file in /dev/shm; the receiver spins on a sequence word (acquire/release): the busy-waiting floor. */
    SHM_SPIN,
    /** A mapped file in /dev/shm; the receiver sleeps in {@code futex(2)} on the sequence word: the least a blocking handoff does. */
    SHM_FUTEX,
    /** A mapped file in /dev/shm with a process-shared mutex and condition in it: the lecture's blocking handoff. */
    SHM_LOCK,
    /** A {@code SocketChannel} over a Unix domain socket, direct buffers. */
    UNIX_SOCKET,
    /** A {@code SocketChannel} over 127.0.0.1 with TCP_NODELAY, direct buffers. */
    TCP_LOOPBACK,
    /** The peer's standard input and output, as {@code FileChannel}s with direct buffers. */
    PIPE
}
