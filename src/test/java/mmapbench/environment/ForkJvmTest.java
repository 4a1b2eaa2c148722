package mmapbench.environment;

import mmapbench.fixture.Shell;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The forks' heap and collector are what the JVM prints for their options. */
class ForkJvmTest {

    private static final String FLAGS = """
            [Global flags]
                 bool UseG1GC                                  = true                                      {product} {ergonomic}
                 bool UseSerialGC                              = false                                     {product} {default}
               size_t MaxHeapSize                              = 6316621824                                {product} {ergonomic}
            """;

    @Test
    void theFlagsAreReadOffPrintFlagsFinal() {
        assertEquals(6316621824L, ForkJvm.flag(FLAGS, "MaxHeapSize"));
        assertEquals("G1", ForkJvm.collector(FLAGS));
        assertNull(ForkJvm.flag(FLAGS, "MaxNewSize"));
        assertNull(ForkJvm.collector("[Global flags]\n"));
    }

    @Test
    void theForksHeapAndCollectorAreWhatJavaPrintsForTheirOptions() throws Exception {
        Map<String, Object> fork = ForkJvm.capture();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ForkJvm.forkOptions());
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        String flags = Shell.output(command.toArray(String[]::new));
        String maxHeap = flags.lines().filter(l -> l.matches("\\s*size_t MaxHeapSize\\s+=.*")).findFirst().orElseThrow()
                .replaceAll(".*=\\s*(\\d+).*", "$1");
        assertEquals(Long.parseLong(maxHeap), fork.get("maxHeapBytes"));
        String used = flags.lines().filter(l -> l.matches("\\s*bool Use(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC\\s+= true.*"))
                .findFirst().orElseThrow().replaceAll(".*Use(\\w+)GC.*", "$1");
        assertEquals(used.equals("Z") ? "ZGC" : used, fork.get("gc"));
        assertTrue(ForkJvm.forkOptions().containsAll(mmapbench.fixture.JvmOptions.FORK), ForkJvm.forkOptions().toString());
    }
}
