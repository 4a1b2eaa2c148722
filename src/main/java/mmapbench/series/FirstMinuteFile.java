package mmapbench.series;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import mmapbench.fixture.WholeFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@value #FILE} in a run folder: every API's first-minute series, or why there is none.
 *
 * @param skipped why no series was measured (one line); null when they were
 */
public record FirstMinuteFile(String skipped, List<Series> series) {

    public static final String FILE = "first-minute.json";

    public static void write(FirstMinuteFile f, Path file) throws IOException {
        WholeFile.write(file, out -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, f));
    }

    public static FirstMinuteFile read(Path file) throws IOException {
        return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(file.toFile(), FirstMinuteFile.class);
    }

    static Series readSeries(Path file) throws IOException {
        return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(file.toFile(), Series.class);
    }

    static void writeSeries(Series s, Path file) throws IOException {
        WholeFile.write(file, out -> new ObjectMapper().writeValue(out, s));
    }
}
