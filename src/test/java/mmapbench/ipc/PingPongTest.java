package mmapbench.ipc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every channel carries every byte of every payload there and back, between two real processes, on every placement. */
class PingPongTest {

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            for (int payload : new int[]{8, 2000, 65536}) {
                for (Cpus cpus : Cpus.values()) {
                    cases.add(Arguments.of(channel, payload, cpus));
                }
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, {1} B, cpus={2}")
    @MethodSource("cases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyByteComesBack(Channel channel, int payload, Cpus cpus) throws Exception {
        List<Integer> before = Affinity.allowed();
        Cpus.Placement place = cpus.place();
        SharedMemoryPingPongBenchmark b = new SharedMemoryPingPongBenchmark();
        b.channel = channel;
        b.payload = payload;
        b.cpus = cpus;
        b.startPeer();
        Process peer = b.peer().process();
        try {
            if (place.benchmark() >= 0) {
                assertEquals(List.of(place.benchmark()), Affinity.allowed(), "the benchmark's thread is pinned");
                assertTrue(peerThreadsAllowed(peer.pid()).contains(String.valueOf(place.peer())),
                        "a thread of the peer is pinned to CPU " + place.peer() + ": " + peerThreadsAllowed(peer.pid()));
            }
            for (long i = 1; i <= 500; i++) {
                assertEquals(i, b.roundTrip());
                assertEquals(-1, b.request().mismatch(b.lastReply()), "round trip " + i);
            }
        } finally {
            b.stopPeer();
        }
        assertEquals(before, Affinity.allowed(), "the thread's CPUs are given back");
        assertFalse(peer.isAlive(), "the peer outlived its benchmark");
        assertEquals(List.of(), ShmLeftovers.ours());
    }

    /** Cpus_allowed_list of each thread of the peer. */
    private static List<String> peerThreadsAllowed(long pid) throws Exception {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return tasks.map(t -> {
                try {
                    return Files.readAllLines(t.resolve("status")).stream().filter(l -> l.startsWith("Cpus_allowed_list:"))
                            .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
                } catch (Exception e) {
                    return "";
                }
            }).toList();
        }
    }

    @Test
    void aBodyThatWasNotCopiedFailsTheCheck() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sent = Wire.pattern(arena, 2000);
            Wire.stamp(sent, 1);
            MemorySegment stale = arena.allocate(2000);
            stale.copyFrom(sent);
            Wire.stamp(sent, 2);
            // A channel that copied only the first and last words of message 2 over message 1's body:
            stale.set(Wire.WORD, 0, 2L);
            stale.set(Wire.WORD, 2000 - 8, 2L);
            assertTrue(Wire.carries(sent, 2));
            assertFalse(Wire.carries(stale, 2), "the stamps inside the body give the stale copy away");
        }
    }

    @Test
    void aPayloadThatIsNotAMultipleOfEightIsRefusedInOneLine() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Wire.checked(12));
        assertEquals("payload 12 is not a positive multiple of 8 bytes: use e.g. 8, 2000 or 65536", e.getMessage());
    }

    @AfterAll
    static void nothingOfOursIsLeft() throws Exception {
        assertEquals(List.of(), ShmLeftovers.ours());
    }
}
