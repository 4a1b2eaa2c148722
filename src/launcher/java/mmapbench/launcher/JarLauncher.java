package mmapbench.launcher;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark jar's Main-Class: checks that this Java is 25 or newer, then hands over to JMH's
 * own main. On an older Java (a machine's default {@code java} is often 17) JMH would start and
 * every fork would die on {@code --sun-misc-unsafe-memory-access=allow}; this says instead, in
 * one line, which Java the suite needs, where one is installed, and how to use it. It is compiled
 * for Java 8 (an execution of its own in pom.xml, over this source folder alone), so that any Java
 * from 8 on can read it; everything else in the jar is compiled for 25 and reached by reflection.
 */
public final class JarLauncher {

    static final int NEEDED = 25;
    private static final String JMH_MAIN = "org.openjdk.jmh.Main";
    private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"(1\\.)?(\\d+)", Pattern.MULTILINE);

    private JarLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        int feature = feature(System.getProperty("java.specification.version"));
        if (feature < NEEDED) {
            System.err.println(refusal(feature, System.getProperty("java.home"), newEnoughJdk(), jar(), args));
            System.exit(2);
        }
        Method main = Class.forName(JMH_MAIN).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The feature version of a {@code java.specification.version}: "1.8" is 8, "17" is 17. */
    static int feature(String specification) {
        String s = specification.startsWith("1.") ? specification.substring(2) : specification;
        int end = 0;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(s.substring(0, end));
    }

    /** The one line: which Java this is, which is needed, and the fix. */
    static String refusal(int feature, String javaHome, String jdk, String jar, String[] args) {
        String line = "mmap-bench needs Java " + NEEDED + " or newer; this is Java " + feature + " (" + javaHome + "): ";
        if (jdk == null) {
            return line + "install a JDK " + NEEDED + " (e.g. Temurin " + NEEDED + " from https://adoptium.net), then set"
                    + " JAVA_HOME to it and use ./run-bench.sh";
        }
        List<String> command = new ArrayList<>();
        command.add(jdk + File.separator + "bin" + File.separator + "java");
        command.add("-jar");
        command.add(jar);
        command.addAll(Arrays.asList(args));
        StringBuilder run = new StringBuilder();
        for (String word : command) {
            run.append(run.length() == 0 ? "" : " ").append(quoted(word));
        }
        return line + "run " + run + ", or set JAVA_HOME=" + jdk + " and use ./run-bench.sh";
    }

    private static String quoted(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** A JDK of 25 or newer: JAVA_HOME's, else the first in the usual folders; null when there is none. */
    static String newEnoughJdk() {
        List<File> candidates = new ArrayList<>();
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isEmpty()) {
            candidates.add(new File(javaHome));
        }
        for (String folder : new String[]{"/usr/lib/jvm", "/usr/java", "/opt/java", "/usr/local"}) {
            File[] found = new File(folder).listFiles();
            if (found != null) {
                Arrays.sort(found);
                candidates.addAll(Arrays.asList(found));
            }
        }
        for (File home : candidates) {
            if (new File(home, "bin/java").canExecute() && release(home.toPath()) >= NEEDED) {
                return home.getPath();
            }
        }
        return null;
    }

    /** The feature version in a JDK's {@code release} file; 0 where it has none. */
    static int release(Path home) {
        try {
            Matcher m = RELEASE_VERSION.matcher(new String(Files.readAllBytes(home.resolve("release")),
                    StandardCharsets.UTF_8));
            return m.find() ? Integer.parseInt(m.group(2)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** This jar, as the user would type it from the working folder: target/benchmarks.jar from a checkout. */
    private static String jar() {
        try {
            Path jar = Paths.get(JarLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!jar.toString().endsWith(".jar")) {
                return "target/benchmarks.jar";
            }
            Path here = Paths.get("").toAbsolutePath();
            return jar.startsWith(here) ? here.relativize(jar).toString() : jar.toString();
        } catch (Exception e) {
            return "target/benchmarks.jar";
        }
    }
}
