package mmapbench.index;

import mmapbench.report.BadResultFile;
import mmapbench.report.RunSummary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./run-bench.sh index DIR...}: every run under the folders given as one table, a row per
 * run with the machine facts that decide the answer and, per question, what the run says of the
 * lecture's claim; then, per question, each group's decisive speed-up in every run, and a chart
 * of them. A file that holds no run it can read is named with the reason and left out.
 */
public final class RunIndex {

    public static final String MARKDOWN = "index.md";
    public static final String CHART = "index.png";

    private final List<IndexedRun> runs;
    private final List<NotIndexed> notIndexed;

    private RunIndex(List<IndexedRun> runs, List<NotIndexed> notIndexed) {
        this.runs = runs;
        this.notIndexed = notIndexed;
    }

    /**
     * Finds the runs in {@code places} (folders, or result files) and reads each.
     *
     * @throws BadResultFile when a place given does not exist
     */
    public static RunIndex of(List<Path> places) throws BadResultFile {
        RunFinder.Found found = RunFinder.find(places);
        List<NotIndexed> notIndexed = new ArrayList<>(found.notIndexed());
        List<RunSummary> summaries = new ArrayList<>();
        for (Path file : found.results()) {
            try {
                summaries.add(RunSummary.of(file));
            } catch (BadResultFile e) {
                notIndexed.add(new NotIndexed(file, e.getMessage()));
            }
        }
        Map<Path, Integer> perFolder = new HashMap<>();
        summaries.forEach(s -> perFolder.merge(folder(s), 1, Integer::sum));
        List<IndexedRun> runs = new ArrayList<>();
        for (RunSummary s : summaries) {
            // A run is named by its folder, as run-bench.sh makes one per run; by its file where a folder holds several.
            String name = String.valueOf(folder(s).getFileName()) + (perFolder.get(folder(s)) > 1
                    ? "/" + s.source().getFileName() : "");
            runs.add(new IndexedRun("R" + (runs.size() + 1), name, s));
        }
        notIndexed.sort(Comparator.comparing(n -> n.path().toString()));
        return new RunIndex(runs, notIndexed);
    }

    private static Path folder(RunSummary s) {
        return s.source().toAbsolutePath().normalize().getParent();
    }

    public boolean isEmpty() {
        return runs.isEmpty();
    }

    /** One line each: what was left out, and why. */
    public List<String> notIndexed() {
        return notIndexed.stream().map(NotIndexed::why).toList();
    }

    /** Writes {@value #MARKDOWN} and {@value #CHART} into {@code dir}, made if need be; returns the Markdown. */
    public String write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String chart = IndexChart.draw(runs, dir.resolve(CHART));
        String markdown = new IndexMarkdown(runs, notIndexed, dir).markdown(chart);
        Files.writeString(dir.resolve(MARKDOWN), markdown);
        return markdown;
    }

    List<IndexedRun> runs() {
        return runs;
    }
}
