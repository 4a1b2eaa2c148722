package mmapbench.cli;

import mmapbench.fixture.CacheState;
import mmapbench.fixture.DataFolder;
import mmapbench.fixture.MemoryCgroup;
import mmapbench.fixture.MemoryLimit;
import mmapbench.fixture.ProcFile;
import mmapbench.fixture.Sizes;
import mmapbench.param.Parameter;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The launcher's side of {@code cache}: a state that the data folder or the machine cannot give
 * is refused up front, in one line, instead of in a forked JVM after the data files are written.
 * COLD cannot exist where the data folder keeps its files in memory (tmpfs, ramfs); HOT and WARM
 * need the whole file in the page cache, which cannot hold more than the machine's memory, or
 * than the memory cgroup the run lives in (a container) allows.
 */
final class CacheStateProbe {

    private CacheStateProbe() {
    }

    static void check(List<LegPlanner.Planned> plan, CommandLineOptions user, Path dataDir, List<String> fileSizes)
            throws UsageException {
        Set<CacheState> resident = EnumSet.noneOf(CacheState.class);
        boolean cold = false;
        for (LegPlanner.Planned p : plan) {
            List<CacheState> caches = values(user, p, Parameter.CACHE);
            List<MemoryLimit> limits = values(user, p, Parameter.MEMORY_LIMIT);
            cold |= caches.contains(CacheState.COLD);
            // Under a memory limit WARM is "as much as fits" (and HOT is refused): only unlimited legs need it all.
            if (limits.isEmpty() || limits.contains(MemoryLimit.NONE)) {
                caches.stream().filter(c -> c != CacheState.COLD).forEach(resident::add);
            }
        }
        String inMemory = cold ? DataFolder.coldRefusal(dataDir) : null;
        if (inMemory != null) {
            throw new UsageException(inMemory);
        }
        if (!resident.isEmpty()) {
            checkMemory(resident, fileSizes.stream().mapToLong(Long::parseLong).max().orElse(0));
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

    private static void checkMemory(Set<CacheState> resident, long fileSize) throws UsageException {
        long memory = ProcFile.field(ProcFile.read(Path.of("/proc/meminfo")), "MemTotal:") * 1024;
        MemoryCgroup.Limit limit = MemoryCgroup.inheritedLimit();
        String has;
        long bytes;
        if (limit != null && (memory <= 0 || limit.bytes() < memory)) {
            bytes = limit.bytes();
            has = "the memory cgroup this run is in (" + limit.cgroup() + ") allows " + Sizes.format(bytes);
        } else if (memory > 0) {
            bytes = memory;
            has = "this machine has " + Sizes.format(bytes) + " of memory";
        } else {
            return;
        }
        if (fileSize > bytes) {
            throw new UsageException("cache=" + resident.stream().map(Enum::name).collect(Collectors.joining(","))
                    + " needs the whole " + Sizes.format(fileSize) + " data file in the page cache, and " + has
                    + ": use a smaller --file-size, -p cache=COLD, or -p memoryLimit=25% to measure a file larger"
                    + " than memory");
        }
    }
}
