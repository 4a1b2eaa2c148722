package mmapbench.ipc;

import java.io.IOException;

/** A peer that died, hung or misbehaved: one message that says which and what to look at. */
final class PeerFailure extends IOException {

    PeerFailure(String message) {
        super(message);
    }

    PeerFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
