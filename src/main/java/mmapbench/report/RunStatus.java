package mmapbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How far a run got, kept beside its JSON as {@value #FILE}: a run that was interrupted or
 * failed keeps the legs it finished, and its report must say that it covers only those, and why.
 *
 * @param legsPlanned  legs the run set out to do
 * @param legsFinished legs whose results are in the JSON
 * @param ended        {@code complete}, or what stopped it (e.g. "interrupted (SIGINT or SIGTERM) during leg 3
 *                     of 5: sequential, COLD")
 */
public record RunStatus(int legsPlanned, int legsFinished, String ended) {

    public static final String FILE = "status.json";
    public static final String COMPLETE = "complete";

    public boolean partial() {
        return legsFinished < legsPlanned || !COMPLETE.equals(ended);
    }

    /** The line a report of a partial run starts with; null for a complete run. */
    public String warning() {
        return partial() ? "**This run is partial**: " + ended + "; the results cover " + legsFinished + " of "
                + legsPlanned + " legs." : null;
    }

    /** Writes it beside {@code resultFile}, whole or not at all. */
    public void writeBeside(Path resultFile) throws IOException {
        Path file = resultFile.toAbsolutePath().resolveSibling(FILE);
        Path tmp = file.resolveSibling(FILE + ".tmp");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The status beside {@code resultFile}; null when there is none (runs made before it existed, or by hand). */
    public static RunStatus beside(Path resultFile) {
        Path file = resultFile.toAbsolutePath().resolveSibling(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return new ObjectMapper().readValue(file.toFile(), RunStatus.class);
        } catch (IOException e) {
            return new RunStatus(0, 0, FILE + " cannot be read (" + e.getMessage() + ")");
        }
    }
}
