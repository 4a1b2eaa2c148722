package mmapbench.cli;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.nio.file.Path;

/**
 * What the launcher does with JMH's lock, then a JMH run that matches no benchmark, so that JMH
 * takes (or skips) its lock and stops before it measures anything: prints the note, if any, and
 * how JMH's run ended. Argument: JMH's lock, in {@code java.io.tmpdir}.
 */
public final class JmhLockMain {

    private JmhLockMain() {
    }

    public static void main(String[] args) throws Exception {
        String note = JmhLock.check(Path.of(args[0]));
        if (note != null) {
            System.out.println("mmap-bench: " + note);
        }
        try {
            new Runner(new OptionsBuilder().include("NoSuchBenchmarkAnywhere$").build()).run();
            System.out.println("runner: ran");
        } catch (RunnerException e) {
            System.out.println("runner: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }
}
