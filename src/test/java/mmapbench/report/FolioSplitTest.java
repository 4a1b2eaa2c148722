package mmapbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where a resident file ran in both folio sizes, a question's counts say how they split, so that
 * the groups a user asked about are not silently counted twice.
 */
class FolioSplitTest {

    @TempDir
    Path dir;

    @Test
    void aQuestionMeasuredInBothFolioSizesSaysHowItsCountsSplit() throws Exception {
        Path json = Files.copy(Path.of("results/20261127-140950-full/jmh-result.json.gz"), dir.resolve("jmh-result.json.gz"));
        String md = Report.of(json).write();
        assertTrue(md.contains("**Random writes** (the lecture: mapped ≈10x faster): **the claim does not hold**. 0 groups"
                + " for it, 4 against, 0 on its border, 11 undecided (of them in 4 KiB folios: 0 for, 1 against, 0 on its"
                + " border, 5 undecided; the rest in large folios or from the device)."), md);
        // The short-lived reads never ran in 4 KiB folios: no split to tell.
        assertFalse(md.lines().filter(l -> l.startsWith("**Short-lived")).anyMatch(l -> l.contains("4 KiB folios:")), md);
    }
}
