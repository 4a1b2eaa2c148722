package mmapbench.report;

import mmapbench.rounds.RoundsLog;

/**
 * How much of its 5% miss chance a decisive interval may spend at the look it is made at. A run of
 * rounds looks at a group after its minimum rounds and again after each extra round, and stops at
 * the first look that decides it; judged each time at the full 5%, a group near a threshold would
 * get more than one chance to be decided wrongly. So the chance is spent: half at the first look
 * (the minimum rounds), the other half shared evenly by the extra looks the cap allows
 * (Bonferroni over the looks: whichever look a group stops at, the chance that any of its looks
 * missed is at most 5%).
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

    /** The share of the miss chance an interval over {@code rounds} rounds may spend. */
    public double share(int rounds) {
        if (cap <= minimum) {
            return 1;
        }
        return rounds <= minimum ? 0.5 : 0.5 / (cap - minimum);
    }
}
