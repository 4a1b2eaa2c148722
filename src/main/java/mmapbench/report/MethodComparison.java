package mmapbench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./run-bench.sh methods RESULT.json}: one run's decisive pairs judged by both methods, side
 * by side. The published runs' method (before rounds): the pair the estimates pick, each row's
 * fork-mean variance moderated over its pool of rows ({@link Prior}), unpaired, as if the pair had
 * been chosen in advance. This round's: ratios paired round by round, no variance borrowed, and
 * the decisive interval that of "best mapped against best other" ({@link Verdict#decisive}).
 */
public final class MethodComparison {

    private MethodComparison() {
    }

    public static String markdown(List<Row> rows) {
        List<Measured> measured = Measured.of(rows);
        List<Comparison> paired = Verdict.compare(measured).stream().filter(Comparison::decisive).toList();
        StringBuilder md = new StringBuilder("# The published runs' method against this round's, on the same data\n\n");
        md.append("| question | group | published: pair, ratio [95%], class | this round: pair, ratio [95%], class |\n"
                + "|---|---|---|---|\n");
        int oldDecided = 0;
        int newDecided = 0;
        for (Comparison c : paired) {
            List<Measured> group = measured.stream().filter(m -> !m.row().control() && m.group().equals(c.group())
                    && m.row().mapped()).toList();
            List<Measured> others = measured.stream().filter(m -> !m.row().control()
                    && m.group().equals(c.group().partners()) && !m.row().mapped()).toList();
            Measured m = group.stream().min(Comparator.comparingDouble(x -> x.spread().logMean())).orElseThrow();
            Measured o = others.stream().min(Comparator.comparingDouble(x -> x.spread().logMean())).orElseThrow();
            Interval old = o.overUnpaired(m);
            RatioClass oldClass = RatioClass.of(old);
            oldDecided += oldClass == RatioClass.UNDECIDED ? 0 : 1;
            newDecided += c.verdict() == RatioClass.UNDECIDED ? 0 : 1;
            md.append(String.format(Locale.ROOT, "| %s | %s | %s / %s %s, %s | %s / %s %s, %s |%n",
                    c.group().question().label(), c.group().label(), m.row().method(), o.row().method(), figure(old),
                    oldClass.label, c.mapped().method, c.other().method, c.figure(), c.verdict().label));
        }
        md.append(String.format(Locale.ROOT, "%nDecided: %d of %d decisive pairs by the published method, %d of %d by"
                + " this round's.%n", oldDecided, paired.size(), newDecided, paired.size()));
        return md.toString();
    }

    private static String figure(Interval i) {
        return Numbers.fmt(i.ratio()) + "x [" + (i.bounded() ? Numbers.fmt(i.low()) + "–" + Numbers.fmt(i.high())
                : "no interval") + "]";
    }
}
