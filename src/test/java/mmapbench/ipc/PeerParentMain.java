package mmapbench.ipc;

/** A parent for {@link PeerFailureTest}: starts a spinning peer, says who it is, then waits to be killed. */
public final class PeerParentMain {

    private PeerParentMain() {
    }

    public static void main(String[] args) throws Exception {
        PeerConnection c = PeerConnection.start(Channel.SHM_SPIN, 8, Cpus.ANY, -1);
        System.out.println(c.process().pid());
        System.out.println(c.files().getFirst());
        System.out.flush();
        Thread.sleep(60_000);
        c.close();
    }
}
