package mmapbench.report;

import java.util.List;
import java.util.Map;

/**
 * {@code verdict.json}: the run's verdict for a program to read. Jackson writes the components as
 * its keys, in this order.
 *
 * @param source  the result file's name
 * @param trusted false when the control failed (true for a run without control rows: nothing to go by)
 * @param partial a question misses part of what it needs, or the run stopped before its last leg
 * @param run     how far the run got; null for a result file without a status
 */
record VerdictFile(String source, boolean trusted, double confidence, Thresholds thresholds, boolean partial,
                   RunStatus run, Map<String, Object> environment, List<Skipped> skipped, ControlCheck control,
                   List<Unsteady> unsteady, List<Verdict.QuestionVerdict> questions,
                   List<Verdict.QuestionVerdict> variants, List<Comparison> comparisons, Device device,
                   List<Evidence.Line> evidence, List<LargerThanMemory.Line> largerThanMemory,
                   List<Scaling.Line> threads, List<IpcLatencies.Latency> ipc, List<IpcLatencies.SpeedUp> ipcSpeedUps) {

    /** The ratios at which a speed-up's class changes ({@link RatioClass}). */
    record Thresholds(double tenX, double faster, double same, double borderWidth) {

        static final Thresholds RATIO_CLASS = new Thresholds(RatioClass.TEN_X_MIN, RatioClass.FASTER_MIN,
                RatioClass.SAME_MIN, RatioClass.BORDER_WIDTH);
    }

    /** The control's outcome, with the figures it was decided on ({@link Control}). */
    record ControlCheck(boolean present, boolean passed, double noiseFloor, int misses, int allowedMisses,
                        List<Control.Pair> pairs) {

        static ControlCheck of(Control c) {
            return new ControlCheck(c.present(), c.passed(), c.floor(), c.misses(), c.allowedMisses(), c.pairs());
        }
    }
}
