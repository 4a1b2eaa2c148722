package mmapbench.cli;

import mmapbench.fixture.WholeFile;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
     * Deletes what runs that were killed (SIGKILL, a crash: no hook ran) left half-written in their
     * folders under {@code resultsDir}: the run that holds the machine's lock is the only one that
     * writes there, so every temporary file found is a dead run's.
     *
     * @return one line that says what was removed, or null if nothing was
     */
    static String removeLeftovers(Path resultsDir) throws IOException {
        if (!Files.isDirectory(resultsDir)) {
            return null;
        }
        List<String> removed = new ArrayList<>();
        try (java.util.stream.Stream<Path> runs = Files.list(resultsDir)) {
            for (Path run : runs.filter(Files::isDirectory).sorted().toList()) {
                try (java.util.stream.Stream<Path> files = Files.list(run)) {
                    for (Path f : files.filter(RunFolder::temporary).sorted().toList()) {
                        if (Files.deleteIfExists(f)) {
                            removed.add(resultsDir.relativize(f).toString());
                        }
                    }
                } catch (java.nio.file.AccessDeniedException e) {
                    // Another user's run folder: not ours to clean.
                }
            }
        } catch (java.nio.file.AccessDeniedException e) {
            return null;
        }
        return removed.isEmpty() ? null : "removed " + removed.size() + " temporary file" + (removed.size() == 1 ? ""
                : "s") + " of runs that were killed (" + String.join(", ", removed) + ")";
    }

    private static boolean temporary(Path f) {
        return f.getFileName().toString().endsWith(WholeFile.TMP_SUFFIX) && Files.isRegularFile(f);
    }

    /**
     * Deletes what a writer of the run folder left half-written: its {@code *.tmp} files (a
     * writer that failed, a full disk). Called on every way a run ends.
     */
    static void removeTemporaries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(RunFolder::temporary).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /**
     * Writes JMH's own JSON of {@code results}, whole or not at all: a temporary file in the same
     * folder, renamed over the old one, so that a run stopped at any moment leaves the JSON of
     * every leg it finished.
     */
    static void writeJson(Collection<RunResult> results, Path json) throws IOException {
        WholeFile.write(json, out -> {
            // JMH writes to a PrintStream, which keeps its errors (a full disk) to itself: without the
            // first one, thrown here, the rename would put a truncated JSON over the whole one.
            FirstError file = new FirstError(out);
            PrintStream ps = new PrintStream(file, false, StandardCharsets.UTF_8);
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
            ps.flush();
            if (file.error != null) {
                throw file.error;
            }
        });
    }

    /** A stream that remembers the first error of the stream it writes to. */
    private static final class FirstError extends FilterOutputStream {
        IOException error;

        FirstError(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw remember(e);
            }
        }

        private IOException remember(IOException e) {
            if (error == null) {
                error = e;
            }
            return e;
        }
    }
}
