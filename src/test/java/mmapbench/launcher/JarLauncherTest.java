package mmapbench.launcher;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar target/benchmarks.jar} on a Java older than 25 says in one line which Java it
 * needs and how to use it; on 25 it is JMH's own main. The launcher class is run from
 * target/classes, as the jar holds it (the test cannot build the jar, which Maven shades after the
 * tests); that it is the jar's Main-Class is pom.xml's to say, and checked here.
 */
class JarLauncherTest {

    private static final Path CLASSES = Path.of("target", "classes");

    /** An installed JDK older than 25 (and 8 or newer), or null. */
    private static Path oldJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        try (Stream<Path> s = Files.list(jvms)) {
            return s.sorted().filter(h -> Files.isExecutable(h.resolve("bin/java")) && !Files.isSymbolicLink(h))
                    .filter(h -> JarLauncher.release(h) >= 8 && JarLauncher.release(h) < JarLauncher.NEEDED)
                    .findFirst().orElse(null);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anOldJavaIsToldWhichJavaToUseInOneLine() throws Exception {
        Path old = oldJdk();
        Assumptions.assumeTrue(old != null, "no JDK from 8 to 24 in /usr/lib/jvm to run the launcher with");
        String jdk25 = System.getProperty("java.home");
        ProcessBuilder pb = new ProcessBuilder(old.resolve("bin/java").toString(), "-cp", CLASSES.toString(),
                JarLauncher.class.getName(), "-l", "Random Read");
        pb.environment().put("JAVA_HOME", jdk25);
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), err);
        assertEquals("mmap-bench needs Java 25 or newer; this is Java " + JarLauncher.release(old) + " (" + old
                + "): run " + jdk25 + "/bin/java -jar target/benchmarks.jar -l 'Random Read', or set JAVA_HOME="
                + jdk25 + " and use ./run-bench.sh\n", err);
    }

    @Test
    void theLauncherIsCompiledForJava8() throws IOException {
        try (InputStream in = Files.newInputStream(CLASSES.resolve("mmapbench/launcher/JarLauncher.class"));
             DataInputStream data = new DataInputStream(in)) {
            assertEquals(0xCAFEBABE, data.readInt());
            data.readUnsignedShort();
            assertEquals(52, data.readUnsignedShort(), "class file major version (52 is Java 8)");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void onJava25ItIsJmhsOwnMain() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), JarLauncher.class.getName(), "-l", "RandomRead")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.startsWith("Benchmarks: \n"), out);
        assertTrue(out.contains("\nmmapbench.file.RandomReadBenchmark.fileChannel\n"), out);
    }

    @Test
    void itIsTheJarsMainClass() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(pom.contains("<mainClass>" + JarLauncher.class.getName() + "</mainClass>"), "pom.xml's shade mainClass");
    }

    @Test
    void versionsAreReadAsTheirFeatureNumber() {
        assertEquals(List.of(8, 17, 25, 26), Stream.of("1.8", "17", "25", "26-ea").map(JarLauncher::feature).toList());
    }
}
