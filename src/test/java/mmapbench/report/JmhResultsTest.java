package mmapbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A result file the report cannot judge gets one line that says why. */
class JmhResultsTest {

    @TempDir
    Path dir;

    static Path golden(String name) throws Exception {
        return Path.of(JmhResultsTest.class.getResource("/golden/" + name).toURI());
    }

    private String fails(Path file) {
        return assertThrows(BadResultFile.class, () -> JmhResults.read(file)).getMessage();
    }

    /** A published run keeps its JSON gzipped: the same rows come out of it. */
    @Test
    void aGzippedFileReadsAsThePlainOne() throws Exception {
        Path plain = golden("a.json");
        Path gz = dir.resolve("jmh-result.json.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(plain));
        }
        var rows = JmhResults.read(plain);
        assertEquals(false, rows.isEmpty());
        assertEquals(rows, JmhResults.read(gz));
    }

    @Test
    void aMissingFile() {
        Path f = dir.resolve("nope.json");
        assertEquals(f + ": no such file", fails(f));
    }

    @Test
    void aFileThatIsNotJson() throws Exception {
        Path f = Files.writeString(dir.resolve("a.json"), "Benchmark  Mode  Cnt  Score\n");
        assertEquals(f + " is not JSON (Unrecognized token 'Benchmark': was expecting (JSON String, Number, Array,"
                + " Object or token 'null', 'true' or 'false'))", fails(f));
    }

    @Test
    void aTruncatedFile() throws Exception {
        String whole = Files.readString(golden("a.json"));
        Path f = Files.writeString(dir.resolve("t.json"), whole.substring(0, whole.length() / 2));
        assertEquals(f + " is truncated (the JSON ends early: was the run interrupted?)", fails(f));
    }

    @Test
    void anEmptyFile() throws Exception {
        Path f = Files.writeString(dir.resolve("e.json"), "");
        assertEquals(f + " is empty: a JMH result file is a JSON array", fails(f));
    }

    @Test
    void jsonThatIsNotJmhOutput() throws Exception {
        Path f = Files.writeString(dir.resolve("n.json"), "{\"benchmarks\": []}");
        assertEquals(f + " is JSON but not JMH output: expected an array of results with \"benchmark\" and"
                + " \"primaryMetric\" (java -jar benchmarks.jar -rf json writes one)", fails(f));
    }

    @Test
    void jmhOutputOfAnotherSuite() throws Exception {
        String other = Files.readString(golden("a.json")).replace("\"mmapbench.", "\"org.example.");
        Path f = Files.writeString(dir.resolve("o.json"), other);
        assertEquals(f + " holds no result of mmap-bench's benchmarks (mmapbench.*): run ./run-bench.sh to make one",
                fails(f));
    }

    @Test
    void readsEveryRowOfTheGoldenInNanoseconds() throws Exception {
        var rows = JmhResults.read(golden("a.json"));
        Row first = rows.getFirst();
        assertEquals(mmapbench.file.Question.RANDOM_READ, first.fileQuestion().orElseThrow());
        assertEquals("ns/op", first.unit());
        Row sequential = rows.stream().filter(r -> r.fileQuestion().orElseThrow() == mmapbench.file.Question.SEQUENTIAL_READ)
                .findFirst().orElseThrow();
        assertEquals("us/op", sequential.unit());
    }
}
