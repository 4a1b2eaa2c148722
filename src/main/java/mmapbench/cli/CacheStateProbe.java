package mmapbench.cli;

import mmapbench.fixture.CacheState;
import mmapbench.fixture.DataFolder;
import mmapbench.param.Parameter;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's side of {@code cache}: a state that the data folder cannot give is refused up
 * front, in one line, instead of in a forked JVM after the data files are written. COLD cannot
 * exist where the data folder keeps its files in memory (tmpfs, ramfs).
 */
final class CacheStateProbe {

    private CacheStateProbe() {
    }

    static void check(List<LegPlanner.Planned> plan, CommandLineOptions user, Path dataDir, List<String> fileSizes)
            throws UsageException {
        boolean cold = false;
        for (LegPlanner.Planned p : plan) {
            List<CacheState> caches = values(user, p, Parameter.CACHE);
            cold |= caches.contains(CacheState.COLD);
        }
        String inMemory = cold ? DataFolder.coldRefusal(dataDir) : null;
        if (inMemory != null) {
            throw new UsageException(inMemory);
        }
    }

    /** The user's {@code -p} values of {@code parameter} where given (checked already by ParamValues), else the leg's. */
    private static <T> List<T> values(CommandLineOptions user, LegPlanner.Planned p, Parameter<T> parameter) {
        if (user.getParameter(parameter.name).hasValue()) {
            List<T> given = new ArrayList<>();
            user.getParameter(parameter.name).get().forEach(v -> given.add(parameter.parse(v)));
            return given;
        }
        return p.params().get(parameter);
    }
}
