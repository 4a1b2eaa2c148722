package mmapbench.report;

import mmapbench.index.RunIndex;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./run-bench.sh report RESULT.json}: the verdict of one run, printed and written beside it.
 * {@code ./run-bench.sh compare A.json B.json [C.json ...]}: runs side by side, group by group.
 * {@code ./run-bench.sh index [--out DIR] DIR...}: every run under the folders, a row each ({@link RunIndex}).
 * {@code ./run-bench.sh methods RESULT.json}: its decisive pairs by the published runs' method and this one's.
 */
public final class ReportMain {

    static final String USAGE = "usage: ./run-bench.sh report RESULT.json | ./run-bench.sh compare A.json B.json"
            + " [C.json ...] | ./run-bench.sh index [--out DIR] DIR... | ./run-bench.sh methods RESULT.json";
    /** Where the index goes unless --out says: beside the runs, in a folder git ignores as it does them. */
    static final Path INDEX_DIR = Path.of("results", "index");

    private ReportMain() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args);
        } catch (BadResultFile e) {
            System.err.println("mmap-bench: " + e.getMessage());
            status = 2;
        } catch (Exception e) {
            System.err.println("mmap-bench: the report failed: " + e);
            status = 1;
        }
        System.exit(status);
    }

    static int run(String... args) throws Exception {
        if (args.length == 2 && args[0].equals("report")) {
            Report report = Report.of(Path.of(args[1]));
            System.out.print(report.write());
            Path dir = Path.of(args[1]).toAbsolutePath().getParent();
            System.out.println("mmap-bench: report, verdict and chart written to " + dir.resolve(Report.MARKDOWN) + ", "
                    + Report.VERDICT + ", " + Report.CHART + "; the speed-ups for CI to " + CiFiles.BENCHER + ", "
                    + CiFiles.BENCHMARK_ACTION);
            return 0;
        }
        if (args.length >= 3 && args[0].equals("compare")) {
            System.out.print(compare(Arrays.stream(args, 1, args.length).map(Path::of).toArray(Path[]::new)));
            return 0;
        }
        if (args.length == 2 && args[0].equals("methods")) {
            System.out.print(MethodComparison.markdown(JmhResults.read(Path.of(args[1]))));
            return 0;
        }
        if (args.length >= 2 && args[0].equals("index")) {
            return index(Arrays.asList(args).subList(1, args.length));
        }
        System.err.println(USAGE);
        return 2;
    }

    /** The same groups in every run, each with every run's speed-up and what changed. */
    static String compare(Path... runs) throws BadResultFile {
        return RunComparison.markdown(List.of(runs));
    }

    private static int index(List<String> args) throws Exception {
        Path out = INDEX_DIR;
        List<Path> places = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--out") && i + 1 < args.size()) {
                out = Path.of(args.get(++i));
            } else {
                places.add(Path.of(args.get(i)));
            }
        }
        if (places.isEmpty()) {
            System.err.println(USAGE);
            return 2;
        }
        RunIndex index = RunIndex.of(places);
        if (index.isEmpty()) {
            index.notIndexed().forEach(line -> System.err.println("mmap-bench: " + line));
            return 2;
        }
        System.out.print(index.write(out));
        System.out.println("mmap-bench: index and chart written to " + out.resolve(RunIndex.MARKDOWN) + ", "
                + RunIndex.CHART);
        return 0;
    }
}
