package mmapbench.report;

import mmapbench.rounds.RoundsLog;

/**
 * How much of its 5% miss chance a decisive interval may spend at the look it is made at. A run of
 * rounds looks at a group twice: after its minimum rounds, and, if it was undecided there, once
 * more after the extra rounds its first spread asked for (Stein's two-stage design: no look in
 * between). Judged both times at the full 5%, a group near a threshold would get two chances to
 * be decided wrongly; so each look spends half (Bonferroni over the two looks: whichever look a
 * group is decided at, the chance that either missed is at most 5%).
 *
 * @param minimum the rounds of the first look
 * @param cap     the rounds of the last possible look; at most {@code minimum}: a single look
 */
public record Looks(int minimum, int cap) {

    /** A run without extra rounds (runs before rounds, {@code -f N}): one look, the whole 5%. */
    public static final Looks ONE = new Looks(0, 0);

    /** The looks of a run from its rounds file: its file legs' minimum (the most any asks) and its cap. */
    public static Looks of(RoundsLog log) {
        if (log == null) {
            return ONE;
        }
        int minimum = log.legs().stream().mapToInt(RoundsLog.LegRounds::minRounds).max().orElse(0);
        return new Looks(minimum, log.maxRounds());
    }

    /** The share of the miss chance an interval over {@code rounds} rounds may spend: half of it, where a second look can come. */
    public double share(int rounds) {
        return cap <= minimum ? 1 : 0.5;
    }

    /** The one-sided miss chance of each bound of a decisive interval over {@code rounds}, with {@code choices} pairs on its side. */
    public double decisiveTail(int rounds, int choices) {
        return (1 - Interval.CONFIDENCE) / 2 * share(rounds) / Math.max(1, choices);
    }
}
