package mmapbench.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One run in brief, for a table of many ({@code ./run-bench.sh index}): the machine it measured,
 * whether its control passed, and per question the plain verdict with its decisive pairs. Judged
 * by this code from the run's JMH result file, not read from the verdict.json the run wrote, so
 * that a run made by older code is judged by the same classes and intervals as the newest.
 *
 * @param environment its environment.json; empty when it has none
 * @param questions   per question, in Question order, the verdict of its plain decisive pairs
 */
public record RunSummary(Path source, Map<String, Object> environment, boolean controlPresent, boolean controlPassed,
                         List<Verdict.QuestionVerdict> questions) {

    /** @throws BadResultFile with one line that says what is wrong with the file */
    public static RunSummary of(Path resultFile) throws BadResultFile {
        Report report = Report.of(resultFile);
        return new RunSummary(resultFile, report.environment(), report.control().present(),
                report.control().passed(), report.verdicts());
    }
}
