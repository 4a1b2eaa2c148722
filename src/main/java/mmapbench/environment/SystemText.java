package mmapbench.environment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The small parsing the probes share: what a command prints, and the pieces of a kernel file's text. */
final class SystemText {

    private SystemText() {
    }

    /**
     * What {@code command} prints in {@code dir}, or null when it is not installed, fails or is
     * interrupted. Its errors are dropped: a warning on stderr must not become part of a value.
     */
    static String output(Path dir, String... command) {
        ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        // Field names (lscpu's) and messages are translated in other locales.
        b.environment().put("LC_ALL", "C");
        try {
            Process p = b.start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The choice in force of a sysfs list such as "always [madvise] never"; the text itself when none is marked. */
    static String bracketed(String s) {
        if (s == null) {
            return null;
        }
        Matcher m = Pattern.compile("\\[([^\\]]+)]").matcher(s);
        return m.find() ? m.group(1) : s;
    }

    /** Group 1 of the first line of {@code text} that matches {@code regex}, trimmed; null when none does. */
    static String firstMatch(String text, String regex) {
        if (text == null) {
            return null;
        }
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        return m.find() ? m.group(1).trim() : null;
    }
}
