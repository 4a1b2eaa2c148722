package mmapbench.report;

import mmapbench.environment.EnvironmentFile;
import mmapbench.rounds.RoundsLog;
import mmapbench.tail.TailSection;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns one JMH result file of this suite into a verdict a person can read: a Markdown report, a
 * verdict JSON and a chart, written beside the result file. Each section of the Markdown renders
 * itself ({@link Section}); this class reads the run and puts the sections in their order.
 */
public final class Report {

    public static final String MARKDOWN = "report.md";
    public static final String VERDICT = "verdict.json";
    public static final String CHART = "chart.png";

    private final Path source;
    private final List<Row> rows;
    private final Map<String, Object> environment;
    /** How far the run got; null for a result file without a status (older runs, runs by hand). */
    private final RunStatus status;
    private final List<Skipped> skipped;
    private final List<Measured> measured;
    private final List<Comparison> comparisons;
    private final List<Verdict.QuestionVerdict> verdicts;
    /** How the run measured in rounds; null for a run without a rounds file. */
    private final RoundsLog rounds;
    private final Control control;
    private final List<Unsteady> unsteady;
    private final Device device;
    private final List<Evidence.Line> evidence;
    private final List<IpcLatencies.Latency> latencies;

    private Report(Path source, List<Row> rows) {
        this.source = source;
        this.rows = rows;
        this.environment = EnvironmentFile.beside(source);
        this.status = RunStatus.beside(source);
        this.skipped = Skipped.of(rows);
        this.measured = Measured.of(rows);
        this.rounds = RoundsLog.beside(source);
        this.comparisons = Verdict.compare(measured, Looks.of(rounds));
        this.verdicts = Verdict.judge(measured, comparisons);
        this.control = Control.of(measured, rounds);
        this.unsteady = Unsteady.of(measured);
        this.device = Device.of(rows);
        this.evidence = Evidence.of(rows);
        this.latencies = IpcLatencies.latencies(rows);
    }

    public static Report of(Path resultFile) throws BadResultFile {
        return new Report(resultFile, JmhResults.read(resultFile));
    }

    List<Comparison> comparisons() {
        return comparisons;
    }

    /** The plain verdict per question, in Question order. */
    List<Verdict.QuestionVerdict> verdicts() {
        return verdicts.stream().filter(v -> v.variant().plain()).toList();
    }

    List<Verdict.QuestionVerdict> variantVerdicts() {
        return verdicts.stream().filter(v -> !v.variant().plain()).toList();
    }

    Control control() {
        return control;
    }

    List<Skipped> skipped() {
        return skipped;
    }

    Map<String, Object> environment() {
        return environment;
    }

    /** Writes the report's files beside the result file (and the CI files, {@link CiFiles}); returns the Markdown. */
    public String write() throws IOException {
        Path dir = source.toAbsolutePath().getParent();
        FirstMinuteSection.beside(source).draw();
        String markdown = markdown(ChartSection.draw(comparisons, dir.resolve(CHART)));
        Files.writeString(dir.resolve(MARKDOWN), markdown);
        TailSection.drawCharts(source, dir);
        CiFiles.write(dir, comparisons, latencies);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(VERDICT).toFile(),
                verdictFile());
        return markdown;
    }

    VerdictFile verdictFile() {
        boolean partial = verdicts().stream().anyMatch(Verdict.QuestionVerdict::partial)
                || status != null && status.partial();
        return new VerdictFile(source.getFileName().toString(), !control.present() || control.passed(),
                Interval.CONFIDENCE, VerdictFile.Thresholds.RATIO_CLASS, partial, status, environment, skipped,
                VerdictFile.ControlCheck.of(control), unsteady, verdicts(), variantVerdicts(), comparisons, device,
                evidence, LargerThanMemory.of(rows), Scaling.of(rows), latencies, IpcLatencies.speedUps(latencies));
    }

    String markdown(ChartSection chart) {
        // The lambdas are the sections that rendered themselves before Section existed, called as they are.
        List<Section> sections = List.of(
                new HeaderSection(source.getFileName().toString(), !environment.isEmpty(), status, control,
                        new BottomLineSection(verdicts(), comparisons, control, environment, latencies,
                                TailSection.headline(source))),
                new SkippedSection(skipped, rows.size()),
                () -> FirstScreen.of(verdicts(), comparisons, control, unsteady.size(), measured.size(),
                        FirstScreen.roundsLine(rounds, measured)),
                // Which cache state and which durability the numbers have: right under the verdict.
                () -> device.section(environment),
                new HowToReadSection(rounds != null),
                new MachineSection(environment),
                new PairsSection(verdicts(), comparisons),
                new VariantsSection(variantVerdicts(), comparisons, control),
                () -> LargerThanMemory.section(rows),
                () -> Scaling.section(rows),
                () -> DeviceThreads.section(rows),
                () -> TailSection.markdown(source),
                new ControlSection(control),
                new RoundsSection(rounds, comparisons, measured),
                new SteadinessSection(unsteady),
                new TimesSection(measured),
                new EvidenceSection(evidence),
                FioSection.beside(source, measured),
                chart,
                () -> IpcLatencies.markdown(rows),
                NativeFloorSection.beside(source, rows),
                new StallSection(rows),
                FirstMinuteSection.beside(source));
        return sections.stream().map(Section::markdown).collect(Collectors.joining());
    }
}
