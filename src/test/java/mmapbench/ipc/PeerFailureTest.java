package mmapbench.ipc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A peer that dies or hangs fails the benchmark with one clear message and leaves nothing behind. */
class PeerFailureTest {

    /** Runs round trips until one fails; returns the failure. */
    private static CompletableFuture<Throwable> pingUntilFailure(SharedMemoryPingPongBenchmark b) {
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    b.roundTrip();
                }
            } catch (Throwable t) {
                failed.complete(t);
            }
        });
        return failed;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Channel.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPeerKilledMidRunFailsTheBenchmarkWithinFifteenSeconds(Channel channel) throws Exception {
        SharedMemoryPingPongBenchmark b = new SharedMemoryPingPongBenchmark();
        b.channel = channel;
        b.payload = 2000;
        b.startPeer();
        Process peer = b.peer().process();
        try {
            CompletableFuture<Throwable> failed = pingUntilFailure(b);
            Thread.sleep(300);
            assertFalse(failed.isDone(), "round trips failed before the peer was killed: " + failed.getNow(null));
            long killedAt = System.nanoTime();
            new ProcessBuilder("kill", "-KILL", String.valueOf(peer.pid())).start().waitFor();
            Throwable t = failed.get(15, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - killedAt) / 1e9;
            System.out.printf("%s: failed %.3f s after SIGKILL: %s%n", channel, seconds, t.getMessage());
            assertInstanceOf(PeerFailure.class, t);
            assertTrue(Pattern.matches(channel + " peer \\(pid " + peer.pid() + "\\) died with exit code 137 \\(signal 9,"
                    + " SIGKILL\\) while the benchmark waited for it to reply( to message \\d+)?", t.getMessage()),
                    t.getMessage());
        } finally {
            b.stopPeer();
        }
        assertFalse(peer.isAlive());
        assertEquals(0, ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> h.pid() == peer.pid()).count(), "a peer process survived");
        assertEquals(List.of(), ShmLeftovers.ours(), "a shared file or socket was left behind");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Channel.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aHungPeerIsStoppedAtTheDeadline(Channel channel) throws Exception {
        // Every channel: spinning, timed kernel waits (futex, condition) and untimed reads each end differently.
        SharedMemoryPingPongBenchmark b = new SharedMemoryPingPongBenchmark();
        b.channel = channel;
        b.payload = 8;
        b.startPeer();
        Process peer = b.peer().process();
        try {
            CompletableFuture<Throwable> failed = pingUntilFailure(b);
            Thread.sleep(200);
            // SIGSTOP: alive, but never answers.
            new ProcessBuilder("kill", "-STOP", String.valueOf(peer.pid())).start().waitFor();
            Throwable t = failed.get(PeerProcess.DEADLINE_SECONDS + 5, TimeUnit.SECONDS);
            assertTrue(Pattern.matches(channel + " peer \\(pid " + peer.pid() + "\\) did not reply( to message \\d+)?"
                    + " within 10 s; it was stopped", t.getMessage()), t.getMessage());
        } finally {
            b.stopPeer();
        }
        assertFalse(peer.isAlive());
        assertEquals(List.of(), ShmLeftovers.ours());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPeerExitsAndCleansUpWhenItsParentIsKilled() throws Exception {
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PeerParentMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(parent.getInputStream()));
        long peerPid = Long.parseLong(lines.readLine());
        Path shared = Path.of(lines.readLine());
        assertTrue(Files.exists(shared));
        ProcessHandle peer = ProcessHandle.of(peerPid).orElseThrow();
        new ProcessBuilder("kill", "-KILL", String.valueOf(parent.pid())).start().waitFor();
        try {
            peer.onExit().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e;
        } finally {
            peer.destroyForcibly();
        }
        assertFalse(peer.isAlive(), "the peer outlived its parent");
        assertFalse(Files.exists(shared), "the orphaned peer left " + shared);
    }

    @AfterAll
    static void nothingOfOursIsLeft() throws Exception {
        assertEquals(List.of(), ShmLeftovers.ours());
    }
}
