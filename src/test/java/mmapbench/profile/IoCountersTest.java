package mmapbench.profile;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With several benchmark threads, the window's sleeps are every thread's own, summed. */
class IoCountersTest {

    private static void sleep(int times) {
        for (int i = 0; i < times; i++) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    void eachThreadsSleepsAreCountedFromItsOwnStartToItsOwnEnd() throws Exception {
        IoCounters.enable();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch secondEnded = new CountDownLatch(1);
        // The first thread starts the window and ends it last; the second starts and ends inside it.
        Thread first = new Thread(() -> {
            IoCounters.markStart();
            firstStarted.countDown();
            sleep(10);
            try {
                secondEnded.await();
            } catch (InterruptedException e) {
                return;
            }
            IoCounters.markEnd();
        });
        Thread second = new Thread(() -> {
            try {
                firstStarted.await();
            } catch (InterruptedException e) {
                return;
            }
            IoCounters.markStart();
            sleep(10);
            IoCounters.markEnd();
            secondEnded.countDown();
        });
        first.start();
        second.start();
        first.join();
        second.join();
        IoCounters.Snapshot window = IoCounters.takeWindow();
        assertNotNull(window, "no window");
        // 10 sleeps each; reading one thread's counter at the start and another's at the end made this garbage.
        assertTrue(window.sleeps() >= 20, "two threads slept 10 times each, counted " + window.sleeps());
    }
}
