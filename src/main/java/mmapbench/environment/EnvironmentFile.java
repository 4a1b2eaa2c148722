package mmapbench.environment;

import mmapbench.param.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import mmapbench.fixture.WholeFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine a run measured, captured when it starts and kept beside its JSON as
 * {@value #FILE}: numbers without it cannot be compared with anybody else's.
 */
public final class EnvironmentFile {

    public static final String FILE = "environment.json";

    private EnvironmentFile() {
    }

    /** What this machine is, and where and how the run keeps its data files. */
    public static Map<String, Object> capture(Path dataDir, String profile, List<String> fileSizes) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("date", OffsetDateTime.now().withNano(0).toString());
        env.put("profile", profile);
        env.put(Parameter.FILE_SIZE.name, fileSizes);
        env.putAll(Machine.capture());
        env.putAll(MemorySettings.capture());
        env.putAll(Storage.capture(dataDir));
        // run-bench.sh starts the launcher in the source folder it built: its commit is the code that ran.
        env.putAll(Provenance.capture(Path.of(System.getProperty("user.dir"))));
        env.put("loadAverageBefore", RunClock.loadAverage());
        // Added later than the keys above, so after them: readers of older files find those where they were.
        env.putAll(Machine.details());
        env.put("stealBefore", RunClock.stealSinceBoot());
        env.putAll(MemorySettings.atStart());
        env.put("forkJvm", ForkJvm.capture());
        return env;
    }

    public static void write(Map<String, Object> env, Path file) throws IOException {
        WholeFile.write(file, out -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, env));
    }

    /** Adds the run's end (see {@link RunClock}) to {@code file}, which {@link #capture} wrote at its start. */
    @SuppressWarnings("unchecked")
    public static void finish(Path file, RunClock clock) throws IOException {
        Map<String, Object> env = new ObjectMapper().readValue(file.toFile(), LinkedHashMap.class);
        env.putAll(clock.end());
        write(env, file);
    }

    /** The environment beside a result file, or an empty map if there is none. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> beside(Path resultFile) {
        Path file = resultFile.toAbsolutePath().resolveSibling(FILE);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return new ObjectMapper().readValue(file.toFile(), LinkedHashMap.class);
        } catch (IOException e) {
            return Map.of("error", FILE + " cannot be read: " + e.getMessage());
        }
    }
}
