package mmapbench.report;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./run-bench.sh report RESULT.json}: the verdict of one run, printed and written beside it.
 * {@code ./run-bench.sh compare A.json B.json [C.json ...]}: runs side by side, group by group.
 */
public final class ReportMain {

    static final String USAGE = "usage: ./run-bench.sh report RESULT.json | ./run-bench.sh compare A.json B.json"
            + " [C.json ...]";

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
        System.err.println(USAGE);
        return 2;
    }

    /** The same groups in every run, each with every run's speed-up and what changed. */
    static String compare(Path... runs) throws BadResultFile {
        return RunComparison.markdown(List.of(runs));
    }
}
