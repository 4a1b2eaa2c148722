package mmapbench.series;

import mmapbench.file.Api;
import mmapbench.fixture.Advice;
import mmapbench.fixture.DataFile;
import mmapbench.fixture.JvmOptions;
import mmapbench.fixture.MemoryCgroup;
import mmapbench.fixture.MemoryLimit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The first minute of a file larger than memory, API by API, as CIDR 2022's "Are You Sure You
 * Want to Use MMAP in Your DBMS?" draws it: each API in turn reads {@value #BLOCK_SIZE}-byte
 * blocks at random from a cold start, in a reader JVM of its own ({@link FirstMinuteReader})
 * whose memory cgroup holds less than the file, for a fixed time split into short windows; each
 * window counts the reads, major faults, device bytes, the cgroup's evictions and the machine's
 * TLB shootdowns. A time series by design (the question is what happens when the cache fills),
 * so not a JMH benchmark. Writes {@value FirstMinuteFile#FILE}; the report draws it.
 *
 * <p>By hand: {@code java -cp target/benchmarks.jar mmapbench.series.FirstMinute DATA_DIR
 * FILE_BYTES LIMIT_BYTES SECONDS OUT_DIR} (the limit needs root; 0 for none).
 */
public final class FirstMinute {

    static final int BLOCK_SIZE = 4096;
    /** How long each window lasts: the paper's resolution is a second; 100 ms shows a stall of a few. */
    public static final long WINDOW_MILLIS = 100;

    /** The APIs, each as the random benchmarks run it, and a mapping told MADV_RANDOM. */
    record Case(Api api, Advice advice) {
    }

    static final List<Case> CASES = List.of(new Case(Api.MEMORY_SEGMENT, Advice.NORMAL),
            new Case(Api.MEMORY_SEGMENT, Advice.RANDOM), new Case(Api.MAPPED_BUFFER, Advice.NORMAL),
            new Case(Api.RANDOM_ACCESS_FILE, Advice.NORMAL), new Case(Api.FILE_CHANNEL, Advice.NORMAL));

    /** What a reader JVM is given beyond its run: its heap touched before it joins the cgroup, so it is charged outside. */
    private static final List<String> READER_JVM = List.of(JvmOptions.NATIVE_ACCESS, JvmOptions.UNSAFE_MEMORY_ACCESS,
            "-Xms64m", "-Xmx64m", "-XX:+AlwaysPreTouch");

    private FirstMinute() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: FirstMinute DATA_DIR FILE_BYTES LIMIT_BYTES SECONDS OUT_DIR");
            System.exit(2);
        }
        Path file = DataFile.ensure(Path.of(args[0]), DataFile.Kind.READ, Long.parseLong(args[1]), System.out);
        Path outDir = Files.createDirectories(Path.of(args[4]));
        run(file, Long.parseLong(args[2]), Duration.ofSeconds(Long.parseLong(args[3])), outDir.resolve(FirstMinuteFile.FILE),
                System.out);
    }

    /** The cgroup limit for {@code fileSize}: the larger-than-memory legs' share, plus the JVM's headroom. */
    public static long limitFor(long fileSize, MemoryLimit share) {
        return share.limitBytes(fileSize);
    }

    /**
     * Every case's series of {@code file} under {@code limitBytes} (0: none), {@code length} each,
     * into {@code outFile}. Without root it writes why and says it in one line.
     */
    public static FirstMinuteFile run(Path file, long limitBytes, Duration length, Path outFile, PrintStream out)
            throws IOException, InterruptedException {
        String refusal = limitBytes > 0 ? MemoryCgroup.refusal() : null;
        if (refusal != null) {
            FirstMinuteFile skipped = new FirstMinuteFile("the first minute needs a memory cgroup below the file: "
                    + refusal, List.of());
            FirstMinuteFile.write(skipped, outFile);
            out.println("mmap-bench: first minute skipped: " + skipped.skipped());
            return skipped;
        }
        MemoryCgroup.removeStale().forEach(line -> out.println("mmap-bench: " + line));
        List<Series> series = new ArrayList<>();
        for (Case c : CASES) {
            Series s = runOne(file, c, limitBytes, length, outFile.resolveSibling(FirstMinuteFile.FILE + "."
                    + c.api().method + "." + c.advice()));
            series.add(s);
            out.println("mmap-bench: first minute, " + s.label() + ": " + FirstMinuteSummary.of(s).sentence());
        }
        FirstMinuteFile f = new FirstMinuteFile(null, series);
        FirstMinuteFile.write(f, outFile);
        out.println("mmap-bench: first minute: " + outFile);
        return f;
    }

    private static Series runOne(Path file, Case c, long limitBytes, Duration length, Path part)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(READER_JVM);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FirstMinuteReader.class.getName(),
                file.toString(), c.api().method, c.advice().name(), Long.toString(length.toMillis()),
                Long.toString(WINDOW_MILLIS), Long.toString(limitBytes), part.toString()));
        Path logFile = part.resolveSibling(part.getFileName() + ".log");
        // To a file, not a pipe: a reader that says much would otherwise block on a full pipe.
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        // A reader that hangs (a device that stopped answering) is stopped well after its run's end.
        long deadline = length.toSeconds() + 120;
        byte[] log;
        try {
            if (!p.waitFor(deadline, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("the first-minute reader of " + c.api().method + " did not end within "
                        + deadline + " s");
            }
            log = Files.readAllBytes(logFile);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(logFile);
        }
        if (p.exitValue() != 0) {
            throw new IOException("the first-minute reader of " + c.api().method + " failed (exit " + p.exitValue()
                    + "): " + new String(log, StandardCharsets.UTF_8).strip());
        }
        try {
            return FirstMinuteFile.readSeries(part);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    static String seconds(double nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
