package mmapbench.stall;

import mmapbench.fixture.JvmOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stall machinery, proven on stalls made to order: the recorder's safepoint events fire (a
 * counter that never fires proves nothing), and a reader that holds up the safepoints shows in
 * the bystander's hiccups and the time to safepoint, while one that waits in native code does not.
 */
class StallTest {

    @Test
    @Timeout(60)
    void theRecorderSeesForcedSafepointsInTheWindowAndNoneOutsideIt() throws Exception {
        try (Safepoints safepoints = Safepoints.start()) {
            Thread.sleep(100);
            System.gc();
            Instant from = Instant.now();
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            Instant to = Instant.now();
            Safepoints.Window w = safepoints.window(from, to);
            assertTrue(w.count() >= 3, "safepoints of three System.gc(): " + w.count());
            assertTrue(w.sync().getTotalCount() >= 3, "times to safepoint of three System.gc(): " + w.sync().getTotalCount());
            assertTrue(w.totalNanos() > 0 && w.totalNanos() >= w.syncTotalNanos(), w.toString());
            Instant later = Instant.now();
            Thread.sleep(50);
            assertEquals(0, safepoints.window(later, Instant.now()).sync().getTotalCount(), "a window without a collection");
        }
    }

    @Test
    @Timeout(60)
    void theBystanderRecordsAHiccupPerMillisecondAndAStallAsOne() throws Exception {
        try (Bystander b = Bystander.start(0)) {
            Thread.sleep(300);
            b.take();
            Thread.sleep(500);
            var h = b.take();
            // A park of 1 ms and its overshoot: fewer than 500 in 500 ms, and more than a handful.
            assertTrue(h.getTotalCount() > 50 && h.getTotalCount() <= 500, "hiccups in 500 ms: " + h.getTotalCount());
            assertTrue(h.getValueAtPercentile(50) < 5_000_000, "median hiccup: " + h.getValueAtPercentile(50));
        }
    }

    @Test
    @Timeout(120)
    void aReaderThatHoldsUpSafepointsStallsTheBystanderAndOneInNativeCodeDoesNot() throws Exception {
        Matcher spin = run("spin");
        Matcher sleep = run("sleep");
        long spinHiccup = Long.parseLong(spin.group("hiccup"));
        long spinTtsp = Long.parseLong(spin.group("ttsp"));
        long sleepHiccup = Long.parseLong(sleep.group("hiccup"));
        long sleepTtsp = Long.parseLong(sleep.group("ttsp"));
        assertTrue(spinTtsp > 100_000_000, "time to safepoint behind a poll-less loop: " + spin.group());
        assertTrue(spinHiccup > 100_000_000, "the bystander's worst hiccup behind it: " + spin.group());
        assertTrue(sleepTtsp < 20_000_000, "time to safepoint beside a sleeping reader: " + sleep.group());
        assertTrue(sleepHiccup < 50_000_000, "the bystander's worst hiccup beside it: " + sleep.group());
        assertTrue(Long.parseLong(sleep.group("safepoints")) > 3, "the bystander's allocations collect: " + sleep.group());
    }

    private static final Pattern STALL = Pattern.compile("hiccupMaxNanos=(?<hiccup>\\d+).*safepoints=(?<safepoints>\\d+)"
            + ".*ttspMaxNanos=(?<ttsp>\\d+)");

    private static Matcher run(String mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, JvmOptions.NATIVE_ACCESS, "-Xms256m", "-Xmx256m", "-Xmn16m",
                "-XX:+AlwaysPreTouch", "-XX:-UseCountedLoopSafepoints", "-cp", System.getProperty("java.class.path"),
                StallHolderMain.class.getName(), mode).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        Matcher m = STALL.matcher(out);
        assertTrue(m.find(), out);
        return m;
    }
}
