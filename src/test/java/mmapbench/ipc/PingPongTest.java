package mmapbench.ipc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every channel carries every byte of every payload there and back, between two real processes. */
class PingPongTest {

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            for (int payload : new int[]{8, 2000, 65536}) {
                cases.add(Arguments.of(channel, payload));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, {1} B")
    @MethodSource("cases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyByteComesBack(Channel channel, int payload) throws Exception {
        SharedMemoryPingPongBenchmark b = new SharedMemoryPingPongBenchmark();
        b.channel = channel;
        b.payload = payload;
        b.startPeer();
        Process peer = b.peer().process();
        try {
            for (long i = 1; i <= 500; i++) {
                assertEquals(i, b.roundTrip());
                assertArrayEquals(b.request(), b.lastReply(), "round trip " + i);
            }
        } finally {
            b.stopPeer();
        }
        assertFalse(peer.isAlive(), "the peer outlived its benchmark");
        assertEquals(List.of(), ShmLeftovers.ours());
    }

    @AfterAll
    static void nothingOfOursIsLeft() throws Exception {
        assertEquals(List.of(), ShmLeftovers.ours());
    }
}
