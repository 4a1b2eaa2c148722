package mmapbench.report;

import mmapbench.file.Question;
import mmapbench.fixture.CacheState;
import mmapbench.fixture.Folios;
import mmapbench.fixture.Sizes;

import java.util.List;
import java.util.Locale;

/**
 * The top of the report, which the launcher prints after a run: the answer per question in
 * words, each decisive pair with its ratio and 95% interval, then the control and steadiness
 * lines. A failed control is said before anything else.
 */
final class FirstScreen {

    private FirstScreen() {
    }

    static String of(List<Verdict.QuestionVerdict> verdicts, List<Comparison> comparisons, Control control,
                     long unsteady, int measured, String rounds) {
        StringBuilder md = new StringBuilder("## The answer\n\n");
        md.append("Per question, each group's decisive pair: its faster mapped API against its fastest other API (the"
                + " choice between mapping a file and the best other way to read or write it), as the other API's time"
                + " over the mapped one's, with its 95% interval. Variants are in their own sections below and are not"
                + " counted here.\n\n");
        for (Verdict.QuestionVerdict v : verdicts) {
            if (!v.variant().plain()) {
                continue;
            }
            md.append(headline(v, control)).append("\n\n");
            for (Comparison c : comparisons) {
                if (c.decisive() && c.group().question() == v.question() && c.group().variant().plain()) {
                    md.append("- ").append(sentence(c)).append('\n');
                }
            }
            md.append('\n');
        }
        md.append(decidedLine(comparisons)).append("\n\n");
        md.append(rounds).append("\n\n");
        md.append(control.summary()).append("\n\n");
        md.append(unsteady == 0 ? "Steadiness: all " + measured + " rows are steady (no iteration trend, no first"
                + " iteration far off).\n\n" : "Steadiness: **" + unsteady + " of " + measured + " rows are unsteady**"
                + " (listed under Steadiness below): " + Steadiness.FIX + ".\n\n");
        return md.toString();
    }

    /** How the run measured, in a line: its rounds, and the rows whose rounds fall into two clusters. */
    static String roundsLine(mmapbench.rounds.RoundsLog log, List<Measured> measured) {
        long mixtures = measured.stream().filter(m -> Mixture.of(m.spread()).isPresent()).count();
        String mixed = mixtures == 0 ? "no row's rounds fall into two clusters"
                : "**" + mixtures + (mixtures == 1 ? " row's" : " rows'") + " rounds fall into two clusters** (see"
                + " Rounds: its mean mixes two states)";
        if (log == null) {
            return "Rounds: none (this run's forks ran back to back); " + mixed + ".";
        }
        int rounds = log.legs().stream().mapToInt(l -> l.rounds().size()).sum();
        long extra = log.legs().stream().flatMap(l -> l.rounds().stream()).filter(r -> r.pass().equals("extra")).count();
        return String.format(Locale.ROOT, "Rounds: %d in %d legs (%d of them extra, for groups still undecided), %.0f s"
                + " of a %.0f s budget, order seed %d; %s.", rounds, log.legs().size(), extra, log.seconds(),
                log.budgetSeconds(), log.seed(), mixed);
    }

    /** How much of the plain comparison this run decided: the decisive pairs the verdict counts, and all pairs. */
    static String decidedLine(List<Comparison> comparisons) {
        List<Comparison> plain = comparisons.stream().filter(c -> c.group().variant().plain()).toList();
        List<Comparison> decisive = plain.stream().filter(Comparison::decisive).toList();
        long all = plain.stream().filter(c -> c.verdict() != RatioClass.UNDECIDED).count();
        long dec = decisive.stream().filter(c -> c.verdict() != RatioClass.UNDECIDED).count();
        return String.format(Locale.ROOT, "Decided: %d of %d decisive pairs, %d of %d pairs in all (%.0f%%); an"
                + " undecided pair says what would decide it.", dec, decisive.size(), all, plain.size(),
                plain.isEmpty() ? 0.0 : 100.0 * all / plain.size());
    }

    static String headline(Verdict.QuestionVerdict v, Control control) {
        if (v.answer() == Verdict.Answer.NO_DATA) {
            return String.format(Locale.ROOT, "**%s** (the lecture: %s): not measured in this run.", v.question().words(),
                    v.claim().label);
        }
        String trust = control.present() && !control.passed() ? " (not to be trusted: the control failed)" : "";
        return String.format(Locale.ROOT, "**%s** (the lecture: %s): **the claim %s**%s. %s for it, %d against,"
                        + " %d on its border, %d undecided%s%s.", v.question().words(), v.claim().label, v.answer().label,
                trust, groups(v.supporting().size()), v.contradicting().size(), v.border().size(), v.undecided().size(),
                folioSplit(v), v.partial() ? (v.missing().contains(Verdict.NO_RESULTS) ? "; no results"
                        : "; not measured: " + String.join(", ", v.missing())) : "");
    }

    /**
     * Where a resident file was measured in both folio sizes, each block size and state counts
     * twice: how the counts split, so that a reader counts what was asked (block sizes and cache
     * states) and sees what the folios did to it. Empty when no group is in 4 KiB folios.
     */
    static String folioSplit(Verdict.QuestionVerdict v) {
        List<List<Comparison>> lists = List.of(v.supporting(), v.contradicting(), v.border(), v.undecided());
        long[] small = lists.stream().mapToLong(l -> l.stream().filter(c -> c.group().folios() == Folios.SMALL).count())
                .toArray();
        if (java.util.Arrays.stream(small).sum() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, " (of them in 4 KiB folios: %d for, %d against, %d on its border, %d"
                + " undecided; the rest in large folios or from the device)", small[0], small[1], small[2], small[3]);
    }

    private static String groups(int n) {
        return n + (n == 1 ? " group" : " groups");
    }

    /** E.g. "8 B, page cache (pre-faulted mapping): a mapping (memorySegment) is 12x faster than fileChannel (95%: 10–14x): the claim holds." */
    static String sentence(Comparison c) {
        String how = c.speedWords();
        RatioClass wanted = Verdict.wanted(c.group().question());
        String so = switch (c.verdict()) {
            case UNDECIDED -> "undecided: " + c.decide();
            case BORDERLINE -> c.verdictLabel() + (c.between().contains(wanted) ? ": the claim is on its edge"
                    : ": not the claim");
            default -> c.verdict() == wanted ? "the claim holds" : c.verdict().label + ": not the claim";
        };
        return place(c.group()) + ": " + how + ": " + so + (c.steady() ? "" : " (unsteady rows: see Steadiness)")
                + ".";
    }

    static String place(Group g) {
        String cache = switch (g.cache()) {
            case HOT -> "page cache, pre-faulted mapping (HOT)";
            case WARM -> "page cache, fresh mapping (WARM)";
            case COLD -> "from the device (COLD" + (g.readAroundKb() > 0 ? ", " + g.readAroundKb() + " KiB read-around" : "")
                    + ")";
        };
        // A WARM or COLD figure holds for its count of operations after the state was set: name it.
        return Sizes.format(g.blockSize()) + ", " + cache + (g.folios() == Folios.SMALL ? " in 4 KiB folios" : "")
                + (g.ops() > 0 && g.cache() != CacheState.HOT ? ", first " + g.ops() + " ops" : "")
                + (g.variant().plain() ? "" : ", " + g.variant().label());
    }

}
