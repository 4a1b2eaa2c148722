package mmapbench.ipc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lecture's writer and reader, as two processes, hand over all 500 values. */
class LectureDemoTest {

    private static Process start(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), LectureDemo.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theReaderGetsEveryValueTheWriterWrote() throws Exception {
        Path file = SharedFiles.SHM.resolve(SharedFiles.PREFIX + "lecture-test-" + ProcessHandle.current().pid() + ".shm");
        // The reader first: it must wait for the writer, as the lecture's waits on the mutex.
        Process reader = start("reader", file.toString());
        Thread.sleep(300);
        Process writer = start("writer", file.toString());
        BufferedReader out = new BufferedReader(new InputStreamReader(reader.getInputStream()));
        List<String> values = out.lines().toList();
        assertEquals(0, reader.waitFor());
        assertEquals(LectureDemo.COUNT, values.size(), "one line per value");
        for (int i = 0; i < LectureDemo.COUNT; i++) {
            assertEquals(String.valueOf(i * i), values.get(i), "value " + i);
        }
        assertTrue(Files.exists(file), "the writer keeps the file until Enter");
        writer.getOutputStream().write('\n');
        writer.getOutputStream().flush();
        assertTrue(writer.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, writer.exitValue());
        assertFalse(Files.exists(file), "the writer deletes the file when it is done");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aReaderWithoutAWriterGivesUpWithAMessage() throws Exception {
        Path file = SharedFiles.SHM.resolve(SharedFiles.PREFIX + "lecture-none-" + ProcessHandle.current().pid() + ".shm");
        Process reader = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LectureDemo.class.getName(), "reader", file.toString())
                .start();
        String err = new String(reader.getErrorStream().readAllBytes());
        assertEquals(1, reader.waitFor());
        assertEquals("reader: no writer wrote " + file + " within 10 s: start ./run-bench.sh writer first\n", err);
    }
}
