package mmapbench.cli;

import mmapbench.fixture.DataFile;
import mmapbench.series.FirstMinute;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The step after the full profile's legs: the first minute of a file larger than memory
 * ({@link FirstMinute}), every API for {@link #LENGTH}, on the run's largest read file under the
 * larger-than-memory legs' share. The quick profile runs none: five minutes would double it; nor
 * does a full run whose benchmarks the user picked with a pattern after {@code --}.
 */
final class FirstMinuteRun {

    /** The file it reads. */
    static final DataFile.Kind DATA_FILE = DataFile.Kind.READ;

    /** Each API's run: the paper's first minute. */
    static final Duration LENGTH = Duration.ofSeconds(60);

    private FirstMinuteRun() {
    }

    /** Whether a run makes the series: the full profile's, unless the user's pattern picked benchmarks of it. */
    static boolean runs(Profile profile, org.openjdk.jmh.runner.options.CommandLineOptions user) {
        return profile == Profile.FULL && user.getIncludes().isEmpty();
    }

    static void run(Profile profile, org.openjdk.jmh.runner.options.CommandLineOptions user, Path dataDir,
                    List<String> fileSizes, Path runDir, PrintStream out) throws IOException {
        if (!runs(profile, user)) {
            // "--full -- RandomRead ..." asks for those benchmarks: six minutes of series would surprise.
            return;
        }
        long size = fileSizes.stream().mapToLong(Long::parseLong).max().orElseThrow();
        Path file = DataFile.ensure(dataDir, DATA_FILE, size, out);
        try {
            FirstMinute.run(file, FirstMinute.limitFor(size, LargerThanMemoryLegs.SHARE), LENGTH,
                    runDir.resolve(mmapbench.series.FirstMinuteFile.FILE), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("the first minute was interrupted", e);
        }
    }
}
