package mmapbench;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * The listener's lines, from a launcher of its own running sample classes. Surefire never runs the
 * samples itself: it leaves out nested classes, and Jupiter runs a static nested class only when
 * it is selected.
 */
class SkippedTestsListenerTest {

    static class Mixed {
        @Test
        void runs() {
        }

        @Test
        void needsRoot() {
            assumeTrue(false, "needs root (uid 65534)");
        }

        @Test
        @Disabled("waits for a kernel with cachestat")
        void disabled() {
        }

        @ParameterizedTest(name = "blockSize {0}")
        @ValueSource(ints = {8, 4096})
        void parameterized(int blockSize) {
            assumeTrue(blockSize == 8, "only 8\n  here");
        }
    }

    @Disabled("the whole class")
    static class DisabledClass {
        @Test
        void one() {
        }

        @Test
        void two() {
        }
    }

    static class AllRun {
        @Test
        void one() {
        }

        @Test
        void two() {
        }
    }

    /** The listener's lines for a run of {@code classes}. */
    private static List<String> lines(Class<?>... classes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SkippedTestsListener listener = new SkippedTestsListener(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        // Only this listener: the one found in META-INF/services would print the samples into the build's log.
        var launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        launcher.execute(request().selectors(Arrays.stream(classes).map(c -> selectClass(c)).toList()).build(), listener);
        return new ArrayList<>(bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void namesEveryTestThatDidNotRunAndCountsThem() {
        List<String> lines = lines(Mixed.class, DisabledClass.class);
        String last = lines.removeLast();
        String mixed = Mixed.class.getName();
        assertEquals(List.of(
                "mmap-bench: ABORTED " + mixed + "#needsRoot: needs root (uid 65534)",
                "mmap-bench: ABORTED " + mixed + "#parameterized [blockSize 4096]: only 8 / here",
                "mmap-bench: SKIPPED " + DisabledClass.class.getName() + ": the whole class",
                "mmap-bench: SKIPPED " + mixed + "#disabled: waits for a kernel with cachestat"),
                lines.stream().sorted().toList());
        assertEquals("mmap-bench: 5 of 7 tests did not run (3 skipped, 2 aborted), each named above", last);
    }

    @Test
    void saysSoWhenEveryTestRan() {
        assertEquals(List.of("mmap-bench: all 2 tests ran; none was skipped or aborted"), lines(AllRun.class));
    }
}
