package mmapbench.report;

import mmapbench.file.Api;
import mmapbench.file.Question;
import mmapbench.fixture.CacheState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntToDoubleFunction;

/**
 * The lecture's claim, judged group by group. Within a group (same question, block size, cache
 * state and variant) every mapped API is compared with every non-mapped one, round by round
 * ({@link Interval#paired}, {@link RatioClass}). The <em>decisive</em> pair of a group is its
 * faster mapped API against its fastest non-mapped API (by their estimates): the choice a
 * programmer faces, "should I map this file or read it the best other way?"; its interval is that
 * of "best mapped against best other", which allows for the choice ({@link #decisive}). Only the
 * decisive pairs of plain groups count for or against the claim; each variant is tallied on its
 * own; control rows are never API rows.
 */
public final class Verdict {

    /** What the rows of one question (and variant) say of the lecture's claim. */
    public enum Answer {
        HOLDS("holds"),
        IN_PART("holds only in part"),
        ON_THE_BORDER("on the border"),
        DOES_NOT_HOLD("does not hold"),
        UNDECIDED("undecided"),
        NO_DATA("no data");

        public final String label;

        Answer(String label) {
            this.label = label;
        }
    }

    /**
     * The claim for one question, and the decisive pairs for it, against it, on the border of it
     * and undecided.
     */
    public record QuestionVerdict(Question question, Variant variant, Question.Claim claim, Answer answer,
                                  List<Comparison> supporting, List<Comparison> contradicting,
                                  List<Comparison> border, List<Comparison> undecided, List<String> missing) {
        public boolean partial() {
            return !missing.isEmpty();
        }
    }

    static final String NO_RESULTS = "no results";

    private Verdict() {
    }

    /** The class that bears the claim out for a question. */
    static RatioClass wanted(Question q) {
        return q.claim() == Question.Claim.MAPPED_TEN_X_FASTER ? RatioClass.TEN_X : RatioClass.REVERSED;
    }

    /** Every mapped-over-other speed-up in the file rows, in group order, decisive pairs marked; one look. */
    public static List<Comparison> compare(List<Measured> measured) {
        return compare(measured, Looks.ONE);
    }

    /** As {@link #compare(List)}, each decisive interval spending the miss chance {@code looks} gives its look. */
    public static List<Comparison> compare(List<Measured> measured, Looks looks) {
        Map<Group, List<Measured>> byGroup = new TreeMap<>();
        for (Measured m : measured) {
            if (!m.row().control()) {
                byGroup.computeIfAbsent(m.group(), g -> new ArrayList<>()).add(m);
            }
        }
        List<Comparison> out = new ArrayList<>();
        byGroup.forEach((g, members) -> {
            List<Measured> mapped = members.stream().filter(m -> m.row().mapped()).sorted(byApi()).toList();
            if (mapped.isEmpty()) {
                return;
            }
            List<Measured> others = byGroup.getOrDefault(g.partners(), List.of()).stream()
                    .filter(m -> !m.row().mapped()).sorted(byApi()).toList();
            if (others.isEmpty()) {
                return;
            }
            Decisive d = decisive(mapped, others, looks);
            for (Measured m : mapped) {
                for (Measured o : others) {
                    boolean decisive = m == d.mapped() && o == d.other();
                    Interval i = decisive ? d.interval() : o.over(m);
                    RatioClass c = RatioClass.of(i);
                    IntToDoubleFunction tail = decisive ? tailOfDecisive(looks, mapped.size(), others.size())
                            : n -> (1 - Interval.CONFIDENCE) / 2;
                    out.add(new Comparison(g, api(m), api(o), i, c, decisive,
                            m.unsteady().isEmpty() && o.unsteady().isEmpty(),
                            c == RatioClass.UNDECIDED ? whatWouldDecide(i, tail) : ""));
                }
            }
        });
        return out;
    }

    /** A group's decisive pair, and the interval of "its best mapped API against its best other" it stands for. */
    record Decisive(Measured mapped, Measured other, Interval interval) {
    }

    /**
     * The decisive pair and an interval that accounts for its having been chosen by the same data.
     * The ratio the question asks for is θ = (best other's time) / (best mapped time); on the log
     * scale log θ = max over mapped m of min over others o of D(m, o), where D(m, o) is the log of
     * o's time over m's. Both ends follow from bounds on the D(m, o): log θ is at least
     * max_m min_o low(m, o) as soon as the low ends of the |mapped| pairs with the truly best other
     * hold, and at most max_m min_o high(m, o) as soon as the high ends of the |others| pairs with
     * the truly best mapped API hold. So each low end is taken at a miss chance of 2.5% / |mapped|
     * and each high end at 2.5% / |others| (Bonferroni): θ's interval misses with at most 5%,
     * whichever pair the estimates pick. The pair itself is the one the estimates pick. In a run
     * that adds rounds where a group is undecided, each look spends its share of that 5%
     * ({@link Looks}).
     */
    static Decisive decisive(List<Measured> mapped, List<Measured> others, Looks looks) {
        int rounds = mapped.stream().mapToInt(m -> m.spread().forks()).min().orElse(0);
        double lowTail = looks.decisiveTail(rounds, mapped.size());
        double highTail = looks.decisiveTail(rounds, others.size());
        double bestLog = Double.NEGATIVE_INFINITY;
        double low = Double.NEGATIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        Measured bestMapped = mapped.getFirst();
        Measured bestOther = others.getFirst();
        Interval chosen = null;
        for (Measured m : mapped) {
            double minLog = Double.POSITIVE_INFINITY;
            double minLow = Double.POSITIVE_INFINITY;
            double minHigh = Double.POSITIVE_INFINITY;
            Measured nearest = null;
            Interval nearestInterval = null;
            for (Measured o : others) {
                Interval i = o.over(m, lowTail, highTail);
                if (nearest == null || i.logRatio() < minLog) {
                    minLog = i.logRatio();
                    nearest = o;
                    nearestInterval = i;
                }
                minLow = Math.min(minLow, i.bounded() ? Math.log(i.low()) : Double.NaN);
                minHigh = Math.min(minHigh, i.bounded() ? Math.log(i.high()) : Double.NaN);
                if (!i.bounded()) {
                    minLow = Double.NaN;
                    minHigh = Double.NaN;
                }
            }
            if (chosen == null || minLog > bestLog) {
                bestLog = minLog;
                bestMapped = m;
                bestOther = nearest;
                chosen = nearestInterval;
            }
            low = Double.isNaN(minLow) || Double.isNaN(low) ? Double.NaN : Math.max(low, minLow);
            high = Double.isNaN(minHigh) || Double.isNaN(high) ? Double.NaN : Math.max(high, minHigh);
        }
        Interval i = new Interval(Math.exp(bestLog), Math.exp(low), Math.exp(high), bestLog, chosen.standardError(),
                chosen.df(), chosen.forks());
        return new Decisive(bestMapped, bestOther, i);
    }

    private static Comparator<Measured> byApi() {
        return Comparator.comparing(Verdict::api);
    }

    private static Api api(Measured m) {
        return m.row().api().orElseThrow();
    }

    /** The miss chance of a decisive interval's bounds over n rounds: the tighter of its two sides. */
    static IntToDoubleFunction tailOfDecisive(Looks looks, int mapped, int others) {
        return n -> looks.decisiveTail(n, Math.max(mapped, others));
    }

    /**
     * For an undecided pair: about how many rounds would pin the ratio into one class, or onto a
     * border, at the round-to-round spread this run observed, with the quantile those rounds would
     * use ({@code tailAt}: the one-sided miss chance of a bound over n rounds); 0 when there is no
     * spread to go by.
     */
    public static int roundsToDecide(Interval i, IntToDoubleFunction tailAt) {
        if (!i.bounded() || !(i.standardError() > 0)) {
            return 0;
        }
        double distance = Math.abs(Math.log(i.ratio() / RatioClass.nearestThreshold(i.ratio())));
        double target = Math.max(distance, Math.log(RatioClass.BORDER_WIDTH) / 2);
        double spread = i.standardError() * Math.sqrt(i.forks());
        for (int n = i.forks() + 1; n <= 1000; n++) {
            if (Interval.upperQuantile(tailAt.applyAsDouble(n), n - 1) * spread / Math.sqrt(n) <= target) {
                return n;
            }
        }
        return 1001;
    }

    /** What {@link #roundsToDecide} says, in words. */
    static String whatWouldDecide(Interval i, IntToDoubleFunction tailAt) {
        if (!i.bounded()) {
            return "no round-to-round variation to go by: run at least 2 rounds (JMH -f 2)";
        }
        int needed = roundsToDecide(i, tailAt);
        if (needed > 30) {
            return String.format(Locale.ROOT, "%s rounds at this noise: more rounds will not do;"
                    + " find out why the rows vary between rounds", needed > 1000 ? "over 1000" : "about " + needed);
        }
        return String.format(Locale.ROOT, "about %d rounds would decide it (this run: %d)", needed, i.forks());
    }

    /** Per question, the plain decisive pairs' verdict; then one per question and variant present. */
    public static List<QuestionVerdict> judge(List<Measured> measured, List<Comparison> comparisons) {
        List<QuestionVerdict> out = new ArrayList<>();
        for (Question q : Question.values()) {
            out.add(judge(q, Variant.PLAIN, measured, comparisons));
        }
        Map<Question, Set<Variant>> variants = new TreeMap<>();
        for (Comparison c : comparisons) {
            if (!c.group().variant().plain()) {
                variants.computeIfAbsent(c.group().question(), q -> new TreeSet<>()).add(c.group().variant());
            }
        }
        variants.forEach((q, vs) -> vs.forEach(v -> out.add(judge(q, v, measured, comparisons))));
        return out;
    }

    private static QuestionVerdict judge(Question q, Variant variant, List<Measured> measured,
                                         List<Comparison> comparisons) {
        RatioClass wanted = wanted(q);
        List<Comparison> pro = new ArrayList<>();
        List<Comparison> con = new ArrayList<>();
        List<Comparison> border = new ArrayList<>();
        List<Comparison> open = new ArrayList<>();
        for (Comparison c : comparisons) {
            if (!c.decisive() || c.group().question() != q || !c.group().variant().equals(variant)) {
                continue;
            }
            if (c.verdict() == RatioClass.UNDECIDED) {
                open.add(c);
            } else if (c.verdict() == wanted) {
                pro.add(c);
            } else if (c.verdict() == RatioClass.BORDERLINE && c.between().contains(wanted)) {
                border.add(c);
            } else {
                con.add(c);
            }
        }
        // A group on the claim's border is neither for it nor against it: it decides a question's
        // answer only when no group is either, and the bottom line names it beside the answer.
        // (A group whose ratio sits at a threshold falls on either side of it from run to run.)
        Answer answer;
        if (pro.isEmpty() && con.isEmpty()) {
            answer = !border.isEmpty() ? Answer.ON_THE_BORDER : open.isEmpty() ? Answer.NO_DATA : Answer.UNDECIDED;
        } else if (con.isEmpty()) {
            answer = Answer.HOLDS;
        } else if (pro.isEmpty()) {
            answer = Answer.DOES_NOT_HOLD;
        } else {
            answer = Answer.IN_PART;
        }
        return new QuestionVerdict(q, variant, q.claim(), answer, pro, con, border, open,
                variant.plain() ? missing(measured, q) : List.of());
    }

    /** What a full answer to the question would have that these rows lack: APIs and cache states. */
    static List<String> missing(List<Measured> measured, Question question) {
        Set<Api> apis = EnumSet.noneOf(Api.class);
        Set<CacheState> states = EnumSet.noneOf(CacheState.class);
        for (Measured m : measured) {
            if (m.group().question() == question && m.group().variant().plain() && !m.row().control()) {
                apis.add(m.row().api().orElseThrow());
                states.add(m.group().cache());
            }
        }
        List<String> missing = new ArrayList<>();
        if (apis.isEmpty()) {
            missing.add(NO_RESULTS);
            return missing;
        }
        for (Api api : Api.values()) {
            if (!apis.contains(api)) {
                missing.add("API " + api.method);
            }
        }
        for (CacheState s : CacheState.values()) {
            if (!states.contains(s)) {
                missing.add("cache " + s);
            }
        }
        return missing;
    }
}
