package mmapbench.environment;

import mmapbench.fixture.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The code that ran, as git in a throwaway repository says it is. */
@Timeout(60)
class ProvenanceTest {

    @TempDir
    Path repo;

    private void git(String... args) throws Exception {
        String[] command = new String[args.length + 7];
        System.arraycopy(new String[]{"git", "-C", repo.toString(), "-c", "user.name=test", "-c", "user.email=test@example.org"},
                0, command, 0, 7);
        System.arraycopy(args, 0, command, 7, args.length);
        Shell.output(command);
    }

    @Test
    void theCommitIsHeadAndTheTreeIsCleanUntilATrackedFileChanges() throws Exception {
        git("init", "-q");
        Files.writeString(repo.resolve("Code.java"), "class Code {}\n");
        git("add", "Code.java");
        git("commit", "-q", "-m", "first");
        String head = Shell.output("git", "-C", repo.toString(), "rev-parse", "--short", "HEAD");

        assertEquals(new Provenance.Revision(head, true), Provenance.revision(repo));
        Files.writeString(repo.resolve("results.json"), "{}\n");
        assertTrue(Provenance.revision(repo).treeClean(), "an untracked file is no change to the code");
        Files.writeString(repo.resolve("Code.java"), "class Code { int changed; }\n");
        assertEquals(new Provenance.Revision(head, false), Provenance.revision(repo));
    }

    @Test
    void outsideGitThereIsNoCommit() throws Exception {
        // A folder of the system's own temporary folder, not the build's (tests keep their files
        // under target/, which is inside this work tree): in no git work tree unless / is one.
        Path outside = Files.createTempDirectory(Path.of("/tmp"), "mmapbench-provenance");
        try {
            assumeTrue(Provenance.revision(Path.of("/tmp")) == null, "/tmp is inside a git work tree here");
            assertNull(Provenance.revision(outside));
            assertNull(Provenance.capture(outside).get("commit"));
            assertNull(Provenance.capture(outside).get("treeClean"));
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void thisWorkTreesCommitIsTheOneGitNames() throws Exception {
        Path here = Path.of(System.getProperty("user.dir"));
        Provenance.Revision revision = Provenance.revision(here);
        assumeTrue(revision != null, here + " is not a git work tree (a source archive?)");
        assertEquals(Shell.output("git", "-C", here.toString(), "rev-parse", "--short", "HEAD"), revision.commit());
        assertEquals(Shell.output("git", "-C", here.toString(), "status", "--porcelain", "--untracked-files=no").isEmpty(),
                revision.treeClean());
        assertFalse(revision.commit().isBlank());
    }
}
