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
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The lecture's claim, judged group by group. Within a group (same question, block size, cache
 * state and variant) every mapped API is compared with every non-mapped one ({@link Interval},
 * {@link RatioClass}). The <em>decisive</em> pair of a group is its faster mapped API against
 * its fastest non-mapped API (by their estimates): the choice a programmer faces, "should I map
 * this file or read it the best other way?". Only the decisive pairs of plain groups count for
 * or against the claim; each variant is tallied on its own; control rows are never API rows.
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

    /** Every mapped-over-other speed-up in the file rows, in group order, decisive pairs marked. */
    public static List<Comparison> compare(List<Measured> measured) {
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
            Optional<Measured> fastMapped = mapped.stream().min(Comparator.comparingDouble(m -> m.spread().logMean()));
            Optional<Measured> fastOther = others.stream().min(Comparator.comparingDouble(m -> m.spread().logMean()));
            for (Measured m : mapped) {
                for (Measured o : others) {
                    Interval i = o.over(m);
                    RatioClass c = RatioClass.of(i);
                    boolean decisive = m == fastMapped.get() && o == fastOther.get();
                    out.add(new Comparison(g, api(m), api(o), i, c, decisive,
                            m.unsteady().isEmpty() && o.unsteady().isEmpty(),
                            c == RatioClass.UNDECIDED ? whatWouldDecide(i) : ""));
                }
            }
        });
        return out;
    }

    private static Comparator<Measured> byApi() {
        return Comparator.comparing(Verdict::api);
    }

    private static Api api(Measured m) {
        return m.row().api().orElseThrow();
    }

    /**
     * For an undecided pair: about how many forks per API would pin the ratio into one class, or
     * onto a border, at the variance this run observed (the standard error falls as 1/√forks).
     */
    static String whatWouldDecide(Interval i) {
        if (!i.bounded()) {
            return "no fork-to-fork variation to go by: run at least 2 forks (JMH -f 2)";
        }
        double distance = Math.abs(Math.log(i.ratio() / RatioClass.nearestThreshold(i.ratio())));
        double halfWidth = Math.max(distance, Math.log(RatioClass.BORDER_WIDTH) / 2);
        double z = Interval.quantile(1e6);
        int needed = (int) Math.ceil(i.forks() * Math.pow(z * i.standardError() / halfWidth, 2));
        needed = Math.max(needed, i.forks() + 1);
        if (needed > 30) {
            return String.format(Locale.ROOT, "about %d forks per API at this noise: more forks will not do;"
                    + " find out why the rows vary between forks", needed);
        }
        return String.format(Locale.ROOT, "about %d forks per API would decide it (this run: %d)", needed, i.forks());
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
        Answer answer;
        if (pro.isEmpty() && con.isEmpty() && border.isEmpty()) {
            answer = open.isEmpty() ? Answer.NO_DATA : Answer.UNDECIDED;
        } else if (con.isEmpty() && border.isEmpty()) {
            answer = Answer.HOLDS;
        } else if (pro.isEmpty() && border.isEmpty()) {
            answer = Answer.DOES_NOT_HOLD;
        } else if (pro.isEmpty() && con.isEmpty()) {
            answer = Answer.ON_THE_BORDER;
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
