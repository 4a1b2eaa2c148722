package mmapbench.cli;

import mmapbench.fio.Fio;
import mmapbench.file.Question;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Folios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fio's jobs come in the folios of the legs, and never HOT: fio has no mapping to pre-fault. */
class CrossCheckTest {

    @TempDir
    Path dir;

    @Test
    void theFullProfilesJobsAreInTheLegsFoliosAndNeverHot() throws Exception {
        List<Fio.Job> jobs = CrossCheck.jobs(LegPlanner.plan(Profile.FULL, new CommandLineOptions(),
                List.of("8388608"), dir));
        assertFalse(jobs.stream().anyMatch(j -> j.cache() == CacheState.HOT), jobs.toString());
        for (Fio.Engine engine : Fio.Engine.values()) {
            for (Folios folios : Folios.values()) {
                assertTrue(jobs.contains(new Fio.Job(Question.RANDOM_WRITE, 8, CacheState.WARM, folios, engine)),
                        "random writes, 8 B, WARM, " + folios + ", " + engine);
            }
        }
        // The random legs run both folios, the sequential ones only the plain LARGE.
        assertFalse(jobs.contains(new Fio.Job(Question.SEQUENTIAL_READ, 4096, CacheState.WARM, Folios.SMALL,
                Fio.Engine.PSYNC)));
        assertEquals(1, jobs.stream().filter(j -> j.question() == Question.RANDOM_READ && j.blockSize() == 8
                && j.cache() == CacheState.COLD && j.engine() == Fio.Engine.MMAP).count(), "COLD once, without folios");
    }

    @Test
    void aHotOnlyLegGivesAWarmPreadJobAndNoMappedOne() throws Exception {
        CommandLineOptions user = new CommandLineOptions("RandomRead", "-p", "cache=HOT", "-p", "blockSize=4096");
        List<Fio.Job> jobs = CrossCheck.jobs(LegPlanner.plan(Profile.QUICK, user, List.of("8388608"), dir));
        assertEquals(List.of(new Fio.Job(Question.RANDOM_READ, 4096, CacheState.WARM, Folios.LARGE, Fio.Engine.PSYNC)),
                jobs);
    }
}
