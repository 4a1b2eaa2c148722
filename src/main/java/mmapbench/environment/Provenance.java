package mmapbench.environment;

import mmapbench.fixture.JvmOptions;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The code that ran and what ran it: the git commit, the JDK, JMH and the JVMs' options. */
final class Provenance {

    private Provenance() {
    }

    /** The commit of the source folder {@code workDir}, and whether its tracked files differ from it. */
    record Revision(String commit, boolean treeClean) {
    }

    /** commit to jvmOptions; commit and treeClean are null outside a git work tree. */
    static Map<String, Object> capture(Path workDir) {
        Revision revision = revision(workDir);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("commit", revision == null ? null : revision.commit());
        env.put("treeClean", revision == null ? null : revision.treeClean());
        env.put("jdk", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.version"));
        env.put("jmh", org.openjdk.jmh.util.Version.getPlainVersion());
        Map<String, Object> jvmOptions = new LinkedHashMap<>();
        jvmOptions.put("runner", ManagementFactory.getRuntimeMXBean().getInputArguments());
        jvmOptions.put("forks", JvmOptions.FORK);
        env.put("jvmOptions", jvmOptions);
        return env;
    }

    /** HEAD of the git work tree that holds {@code workDir}; null outside one or without git. */
    static Revision revision(Path workDir) {
        String head = SystemText.output(workDir, "git", "rev-parse", "--short", "HEAD");
        if (head == null) {
            return null;
        }
        // Untracked files are not code that ran, and the run's own new results folder is one of them.
        String changes = SystemText.output(workDir, "git", "status", "--porcelain", "--untracked-files=no");
        return new Revision(head.trim(), changes != null && changes.isBlank());
    }
}
