package mmapbench;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Names every test that did not run, one line each, and closes with how many did not, so that a
 * CI log shows what a green build did not prove. Surefire only counts them ("Skipped: 4"), and a
 * test that skips itself where it is not root would otherwise pass unseen on every CI machine.
 *
 * <p>{@code SKIPPED}: JUnit did not start it ({@code @Disabled}, a false {@code @EnabledIf}).
 * {@code ABORTED}: it started and an assumption failed. A class skipped or aborted as a whole is
 * one line that counts all its tests. The launcher finds this listener through
 * {@code META-INF/services}; the lines come after the last test, in one block beside Surefire's
 * summary.
 */
public final class SkippedTestsListener implements TestExecutionListener {

    private final PrintStream out;
    private final List<String> lines = new ArrayList<>();
    private int ran;
    private int skipped;
    private int aborted;
    private TestPlan plan;

    /** As the launcher makes it: to standard output, which Surefire copies into the build log. */
    public SkippedTestsListener() {
        this(System.out);
    }

    SkippedTestsListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        lines.clear();
        ran = skipped = aborted = 0;
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        skipped += tests(id);
        lines.add("mmap-bench: SKIPPED " + name(id) + ": " + oneLine(reason == null ? "no reason given" : reason));
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            aborted += tests(id);
            lines.add("mmap-bench: ABORTED " + name(id) + ": " + reason(result));
        } else if (id.isTest()) {
            ran++;
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        lines.forEach(out::println);
        int notRun = skipped + aborted;
        out.println(notRun == 0
                ? "mmap-bench: all " + ran + " tests ran; none was skipped or aborted"
                : "mmap-bench: " + notRun + " of " + (ran + notRun) + " tests did not run (" + skipped + " skipped, "
                        + aborted + " aborted), each named above");
        out.flush();
    }

    /** A test counts one; a container, every test found in it (none has started). */
    private int tests(TestIdentifier id) {
        if (id.isTest() || plan == null) {
            return 1;
        }
        return Math.max(1, (int) plan.getDescendants(id).stream().filter(TestIdentifier::isTest).count());
    }

    /** {@code Class#method}, with the invocation's display name when it is one of a parameterized test's. */
    static String name(TestIdentifier id) {
        TestSource source = id.getSource().orElse(null);
        if (source instanceof MethodSource m) {
            String name = m.getClassName() + "#" + m.getMethodName();
            String shown = id.getDisplayName();
            return shown.startsWith(m.getMethodName() + "(") ? name : name + " [" + shown + "]";
        }
        if (source instanceof ClassSource c) {
            return c.getClassName();
        }
        return id.getDisplayName();
    }

    private static String reason(TestExecutionResult result) {
        Throwable t = result.getThrowable().orElse(null);
        if (t == null) {
            return "no reason given";
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getName();
        }
        // Every assumption's message starts so; the reason is what follows.
        return oneLine(message.replaceFirst("^Assumption failed: ", ""));
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " / ");
    }
}
