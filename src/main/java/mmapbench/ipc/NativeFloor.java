package mmapbench.ipc;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import mmapbench.fixture.WholeFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The native floor of each blocking channel, measured in the same run as the Java rows: the C
 * ping-pong {@value #SOURCE_NAME} (two processes, pinned as {@link Cpus} pins the Java pair, the
 * same kernel path as the Java channel), built by the run with {@code gcc} into {@code target/native},
 * for each channel, payload and placement; and the cost of one {@code System.nanoTime} in this
 * JVM, which sample mode pays twice a round trip. Written to {@value #FILE} in the run folder.
 */
public final class NativeFloor {

    public static final String FILE = "native-ipc.json";
    /** The blocking channels the C program has, named as the Java ones they are the floor of. */
    public static final List<Channel> CHANNELS = List.of(Channel.SHM_FUTEX, Channel.UNIX_SOCKET, Channel.PIPE);
    /** The placements with a floor: the scheduler's choice (ANY) has no fixed one. */
    public static final List<Cpus> PLACEMENTS = List.of(Cpus.SAME, Cpus.SPLIT);
    static final String SOURCE_NAME = "ipc_floor.c";
    /** Where the source is kept, under the source folder the run was started in. */
    static final Path SOURCE = Path.of("src", "main", "c", SOURCE_NAME);
    /** Round trips per floor after the program's own 1000 of warm-up: at 50 µs across CPUs, half a second. */
    public static final long ROUND_TRIPS = 10_000;
    private static final long TIMEOUT_SECONDS = 30;

    /**
     * One floor: the mean and median round trip, and each side's context switches per round trip
     * (voluntary and involuntary); or, with NaN figures, why there is none.
     */
    public record Floor(Channel channel, int payload, Cpus cpus, long roundTrips, double meanNs, double medianNs,
                        double parentContextSwitches, double childContextSwitches, double clockReadNs, String error) {
        static Floor failed(Channel channel, int payload, Cpus cpus, String error) {
            return new Floor(channel, payload, cpus, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    error);
        }
    }

    /** What {@value #FILE} holds: the compiler, what one System.nanoTime cost in this JVM, the floors. */
    public record Floors(String compiler, double javaNanoTimeNs, List<Floor> floors) {
    }

    private NativeFloor() {
    }

    /**
     * Builds the program, measures every channel at every payload and placement, and writes
     * {@value #FILE} into {@code runDir}; says in one line why not when it cannot be built.
     */
    public static void run(Path sourceDir, List<Integer> payloads, long roundTrips, Path runDir, PrintStream out)
            throws IOException {
        Path binary = sourceDir.resolve("target").resolve("native").resolve("ipc_floor");
        String compiler;
        try {
            compiler = build("gcc", sourceDir.resolve(SOURCE), binary);
        } catch (IOException e) {
            out.println("mmap-bench: " + e.getMessage());
            return;
        }
        out.printf(Locale.ROOT, "%nmmap-bench: the native IPC floor: %d channels, payloads %s, cpus %s, %d round trips"
                + " each%n", CHANNELS.size(), payloads, PLACEMENTS, roundTrips);
        List<Floor> floors = new ArrayList<>();
        for (int payload : payloads) {
            for (Channel channel : CHANNELS) {
                for (Cpus cpus : PLACEMENTS) {
                    floors.add(measure(binary, channel, payload, cpus, roundTrips));
                }
            }
        }
        write(new Floors(compiler, nanoTimeCost(), floors), runDir.resolve(FILE));
    }

    /**
     * Compiles {@code source} into {@code binary}; returns the compiler's version line.
     *
     * @throws IOException with one line that says what is missing or what the compiler said
     */
    static String build(String gcc, Path source, Path binary) throws IOException {
        if (!Files.isRegularFile(source)) {
            throw new IOException(source + " is not there: no native IPC floor (run ./run-bench.sh from its source"
                    + " folder)");
        }
        String version = output(List.of(gcc, "--version"));
        if (version == null) {
            throw new IOException(gcc + " is not installed: no native IPC floor (apt-get install gcc)");
        }
        Files.createDirectories(binary.getParent());
        Path log = Files.createTempFile("mmapbench-gcc", ".log");
        try {
            Process p = new ProcessBuilder(gcc, "-O2", "-Wall", "-o", binary.toString(), source.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IOException(gcc + " did not finish within " + TIMEOUT_SECONDS + " s: no native IPC floor");
            }
            if (p.exitValue() != 0) {
                throw new IOException(gcc + " could not build " + source + ": "
                        + Files.readString(log).lines().findFirst().orElse("exit status " + p.exitValue()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + gcc + " built " + source);
        } finally {
            Files.deleteIfExists(log);
        }
        return version.lines().findFirst().orElse(gcc);
    }

    /** One floor; a placement this machine cannot give, or a failed run, gives its error instead. */
    static Floor measure(Path binary, Channel channel, int payload, Cpus cpus, long roundTrips) {
        Cpus.Placement place;
        try {
            place = cpus.place();
        } catch (IOException | RuntimeException e) {
            return Floor.failed(channel, payload, cpus, e.getMessage());
        }
        String json = output(List.of(binary.toString(), channel.name(), String.valueOf(payload),
                String.valueOf(roundTrips), String.valueOf(place.benchmark()), String.valueOf(place.peer())));
        if (json == null) {
            return Floor.failed(channel, payload, cpus, binary.getFileName() + " failed or hung");
        }
        try {
            var n = new ObjectMapper().readTree(json);
            return new Floor(channel, payload, cpus, n.path("roundTrips").asLong(), n.path("meanNs").asDouble(),
                    n.path("medianNs").asDouble(), n.path("parentContextSwitchesPerRoundTrip").asDouble(),
                    n.path("childContextSwitchesPerRoundTrip").asDouble(), n.path("clockReadNs").asDouble(), null);
        } catch (IOException e) {
            return Floor.failed(channel, payload, cpus, binary.getFileName() + " printed no JSON: " + json.trim());
        }
    }

    /**
     * What one System.nanoTime costs in this JVM, compiled: the fastest of 20 loops of 100,000 calls.
     * Sample mode reads the clock before and after every round trip it times.
     */
    static double nanoTimeCost() {
        final int calls = 100_000;
        double best = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < 20; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                sink += System.nanoTime();
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) calls);
        }
        // Published, so that the JIT cannot drop the calls.
        consumed = sink;
        return best;
    }

    private static volatile long consumed;

    /**
     * What {@code command} prints, or null when it cannot start, fails or outlives its deadline.
     * Its output goes to a file, not a pipe, so that the deadline is the wait itself.
     */
    private static String output(List<String> command) {
        Path out = null;
        try {
            out = Files.createTempFile("mmapbench-native", ".out");
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return null;
            }
            return p.exitValue() == 0 ? Files.readString(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // A temporary file in the build's folder: nothing depends on it.
                }
            }
        }
    }

    static void write(Floors floors, Path file) throws IOException {
        WholeFile.write(file, out -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, floors));
    }

    /** The floors in a {@value #FILE}. */
    public static Floors read(Path file) throws IOException {
        return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(file.toFile(),
                Floors.class);
    }
}
