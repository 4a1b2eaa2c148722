package mmapbench.cli;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;

/** One run's folder under {@code results/}: made new, never reused, and its JSON written whole or not at all. */
final class RunFolder {

    static final String RESULT_FILE = "jmh-result.json";

    private RunFolder() {
    }

    /** A new folder for this run's files; never one that exists. */
    static Path create(Path resultsDir, Profile profile) throws UsageException, IOException {
        try {
            Files.createDirectories(resultsDir);
        } catch (IOException e) {
            throw new UsageException("results folder " + resultsDir + " cannot be created (" + e.getMessage()
                    + "): choose another with --results-dir");
        }
        if (!Files.isWritable(resultsDir)) {
            throw new UsageException("results folder " + resultsDir + " is not writable: choose another with --results-dir");
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String base = stamp + "-" + profile.name().toLowerCase(Locale.ROOT);
        Path dir = resultsDir.resolve(base);
        for (int n = 2; Files.exists(dir); n++) {
            dir = resultsDir.resolve(base + "-" + n);
        }
        return Files.createDirectory(dir);
    }

    /**
     * Writes JMH's own JSON of {@code results}, whole or not at all: a temporary file in the same
     * folder, renamed over the old one, so that a run stopped at any moment leaves the JSON of
     * every leg it finished.
     */
    static void writeJson(Collection<RunResult> results, Path json) throws IOException {
        Path tmp = json.resolveSibling(json.getFileName() + ".tmp");
        try (PrintStream ps = new PrintStream(Files.newOutputStream(tmp), false, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
        }
        Files.move(tmp, json, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
