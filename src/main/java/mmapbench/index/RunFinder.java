package mmapbench.index;

import mmapbench.environment.EnvironmentFile;
import mmapbench.fio.Fio;
import mmapbench.report.BadResultFile;
import mmapbench.report.CiFiles;
import mmapbench.report.Report;
import mmapbench.report.RunStatus;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The result files under the places given: every {@code .json} file, and {@code .json.gz} as the
 * published runs keep theirs, in a folder given or below it (hidden folders aside), and a file
 * given by name. The files a run writes beside its result are not runs and are passed over;
 * what cannot be a run is named with the reason: a verdict without its result file, a result
 * file whose gzip lies beside it (indexed once), and a folder with nothing in it to index.
 */
final class RunFinder {

    static final String JSON = ".json";
    static final String GZIP = ".gz";
    /** What a run writes beside its JMH result file. */
    static final Set<String> BESIDE_A_RESULT = Set.of(EnvironmentFile.FILE, RunStatus.FILE, Report.VERDICT, Fio.FILE,
            CiFiles.BENCHER, CiFiles.BENCHMARK_ACTION);

    /**
     * @param results    the candidate result files, in path order; reading them tells runs from the rest
     * @param notIndexed what was found, or given, that holds no run
     */
    record Found(List<Path> results, List<NotIndexed> notIndexed) {
    }

    private RunFinder() {
    }

    /** @throws BadResultFile when a place given does not exist: a mistyped path, said in one line */
    static Found find(List<Path> places) throws BadResultFile {
        List<Path> results = new ArrayList<>();
        List<NotIndexed> notIndexed = new ArrayList<>();
        for (Path place : places) {
            if (Files.isRegularFile(place)) {
                results.add(place);
            } else if (Files.isDirectory(place)) {
                int before = results.size() + notIndexed.size();
                inFolder(place, results, notIndexed);
                if (results.size() + notIndexed.size() == before) {
                    notIndexed.add(new NotIndexed(place, place + " holds no run: no JMH result file (" + JSON + " or "
                            + JSON + GZIP + ") in it or below it"));
                }
            } else {
                throw new BadResultFile(place + ": no such folder: give the folders that hold runs, e.g."
                        + " ./run-bench.sh index results");
            }
        }
        // A run under two places given (results and results/<run>) is one run.
        List<Path> distinct = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path r : results) {
            if (seen.add(r.toAbsolutePath().normalize())) {
                distinct.add(r);
            }
        }
        return new Found(distinct, notIndexed);
    }

    private static void inFolder(Path root, List<Path> results, List<NotIndexed> notIndexed) {
        Map<Path, List<Path>> byFolder = new TreeMap<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && dir.getFileName().toString().startsWith(".")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (attrs.isRegularFile() && (name.endsWith(JSON) || name.endsWith(JSON + GZIP))) {
                        byFolder.computeIfAbsent(file.getParent(), d -> new ArrayList<>()).add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    notIndexed.add(new NotIndexed(file, file + " cannot be read (" + e.getMessage() + ")"));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            notIndexed.add(new NotIndexed(root, root + " cannot be read (" + e.getMessage() + ")"));
        }
        byFolder.values().forEach(files -> inOneFolder(files, results, notIndexed));
    }

    /** The JSON files of one folder: its result files, and what to say about the rest. */
    private static void inOneFolder(List<Path> files, List<Path> results, List<NotIndexed> notIndexed) {
        files.sort(Comparator.comparing(Path::toString));
        List<Path> mine = new ArrayList<>();
        Path verdict = null;
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.equals(Report.VERDICT)) {
                verdict = f;
            } else if (name.endsWith(GZIP) && files.contains(f.resolveSibling(plain(name)))) {
                notIndexed.add(new NotIndexed(f, f + " is the gzip of " + plain(name) + " beside it: that run is"
                        + " indexed once, from the plain file"));
            } else if (!BESIDE_A_RESULT.contains(name)) {
                mine.add(f);
            }
        }
        if (mine.isEmpty() && verdict != null) {
            notIndexed.add(new NotIndexed(verdict, verdict + " is a verdict without the JMH result file it was made"
                    + " from: copy the run's jmh-result.json or jmh-result.json.gz beside it to index it"));
        }
        results.addAll(mine);
    }

    private static String plain(String gzipName) {
        return gzipName.substring(0, gzipName.length() - GZIP.length());
    }
}
