package mmapbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The lecture's claim, judged row by row: for every group of file results that differ only in the
 * API (same question, block size, cache state and other parameters), the speed-up of each mapped
 * API over each non-mapped one, with an interval from JMH's confidence intervals, classified by
 * fixed thresholds; then a verdict per question.
 */
public final class Verdict {

    public static final List<String> MAPPED = List.of("mappedBuffer", "memorySegment");
    public static final List<String> OTHERS = List.of("randomAccessFile", "fileChannel", "bufferedStream");
    public static final List<String> QUESTIONS = List.of("RandomRead", "RandomWrite", "SequentialRead", "SequentialWrite");
    public static final List<String> CACHE_STATES = List.of("HOT", "WARM", "COLD");

    /** The classes of a speed-up, and the thresholds between them, as printed in the report. */
    public enum Class {
        TEN_X("≈10x or more"),
        FASTER("mapped faster, well short of 10x"),
        SAME("no clear difference"),
        REVERSED("reversed, streams faster"),
        UNDECIDED("undecided");

        public final String label;

        Class(String label) {
            this.label = label;
        }
    }

    static final String NO_RESULTS = "no results";

    public static final double TEN_X_MIN = 7.5;
    public static final double FASTER_MIN = 1.25;
    public static final double SAME_MIN = 0.8;

    public static final String THRESHOLDS = String.format(Locale.ROOT,
            "≈10x or more: %.2f and above; mapped faster, well short of 10x: %.2f to %.2f; no clear difference:"
                    + " %.2f to %.2f; reversed, streams faster: below %.2f; undecided: the interval straddles a"
                    + " threshold (too noisy: run longer)", TEN_X_MIN, FASTER_MIN, TEN_X_MIN, SAME_MIN, FASTER_MIN,
            SAME_MIN);

    /**
     * One speed-up: {@code mapped} over {@code other} in one group. {@code ratio} is the other
     * API's time over the mapped one's; {@code low} to {@code high} its interval, from the worst
     * to the best ends of both confidence intervals.
     */
    public record Comparison(String question, String group, String mapped, String other, double ratio, double low,
                             double high, Class verdict) {
    }

    /** The claim for one question and how the rows bear on it. */
    public record QuestionVerdict(String question, String expected, String verdict, List<String> supporting,
                                  List<String> contradicting, List<String> undecided, List<String> missing) {
        public boolean partial() {
            return !missing.isEmpty();
        }
    }

    private Verdict() {
    }

    public static Class classify(double low, double high) {
        Class a = classOf(low);
        Class b = classOf(high);
        return a == b ? a : Class.UNDECIDED;
    }

    static Class classOf(double v) {
        if (Double.isNaN(v)) {
            return Class.UNDECIDED;
        }
        if (v >= TEN_X_MIN) {
            return Class.TEN_X;
        }
        if (v >= FASTER_MIN) {
            return Class.FASTER;
        }
        if (v >= SAME_MIN) {
            return Class.SAME;
        }
        return Class.REVERSED;
    }

    /** The parameters that make a group, in the order they are printed. */
    static String group(Row r) {
        List<String> parts = new ArrayList<>();
        parts.add(r.param("blockSize") + " B");
        parts.add(r.param("cache"));
        String force = r.param("forceEvery");
        if (!force.isEmpty()) {
            parts.add(force.equals("0") ? "page cache" : "force every " + mmapbench.fixture.Sizes.format(Long.parseLong(force)));
        }
        String advice = r.param("advice");
        if (!advice.isEmpty() && !advice.equals("NORMAL") && MAPPED.contains(r.api())) {
            parts.add("madvise " + advice);
        }
        for (Map.Entry<String, String> e : new TreeMap<>(r.params()).entrySet()) {
            if (!Set.of("blockSize", "cache", "forceEvery", "fileSize", "advice").contains(e.getKey())) {
                parts.add(e.getKey() + "=" + e.getValue());
            }
        }
        if (!r.mode().equals("avgt")) {
            parts.add(r.mode());
        }
        return String.join(", ", parts);
    }

    /** Every mapped-over-other speed-up in the file rows, grouped and in a stable order. */
    public static List<Comparison> compare(List<Row> rows) {
        // question -> group -> api -> row; groups sorted by block size, then cache state order.
        Map<String, Map<String, Map<String, Row>>> byQuestion = new LinkedHashMap<>();
        for (String q : QUESTIONS) {
            byQuestion.put(q, new TreeMap<>(Verdict::groupOrder));
        }
        for (Row r : rows) {
            Map<String, Map<String, Row>> groups = byQuestion.get(r.question());
            if (groups == null || Double.isNaN(r.score())) {
                continue;
            }
            groups.computeIfAbsent(group(r), g -> new LinkedHashMap<>()).put(r.api(), r);
        }
        List<Comparison> out = new ArrayList<>();
        byQuestion.forEach((q, groups) -> groups.forEach((g, apis) -> {
            // The non-mapped APIs take no madvise: a mapping with advice is compared with their plain rows.
            Map<String, Row> plain = groups.getOrDefault(g.replaceAll(", madvise \\w+", ""), Map.of());
            for (String m : MAPPED) {
                for (String o : OTHERS) {
                    Row mr = apis.get(m);
                    Row or = apis.getOrDefault(o, plain.get(o));
                    if (mr == null || or == null) {
                        continue;
                    }
                    double ratio = or.score() / mr.score();
                    double low = Math.max(0, or.low()) / mr.high();
                    double high = mr.low() > 0 ? or.high() / mr.low() : Double.POSITIVE_INFINITY;
                    out.add(new Comparison(q, g, m, o, ratio, low, high, classify(low, high)));
                }
            }
        }));
        return out;
    }

    private static int groupOrder(String a, String b) {
        long ba = Long.parseLong(a.substring(0, a.indexOf(' ')));
        long bb = Long.parseLong(b.substring(0, b.indexOf(' ')));
        if (ba != bb) {
            return Long.compare(ba, bb);
        }
        int ca = CACHE_STATES.indexOf(a.split(", ")[1]);
        int cb = CACHE_STATES.indexOf(b.split(", ")[1]);
        return ca != cb ? Integer.compare(ca, cb) : a.compareTo(b);
    }

    /** The claim's verdict per question, naming the rows for and against it, and what is missing. */
    public static List<QuestionVerdict> judge(List<Row> rows, List<Comparison> comparisons) {
        List<QuestionVerdict> out = new ArrayList<>();
        for (String q : QUESTIONS) {
            boolean random = q.startsWith("Random");
            Class wanted = random ? Class.TEN_X : Class.REVERSED;
            List<String> pro = new ArrayList<>();
            List<String> con = new ArrayList<>();
            List<String> open = new ArrayList<>();
            for (Comparison c : comparisons) {
                if (!c.question().equals(q)) {
                    continue;
                }
                String label = String.format(Locale.ROOT, "%s: %s / %s %sx [%s–%s] (%s)", c.group(), c.mapped(),
                        c.other(), Report.fmt(c.ratio()), Report.fmt(c.low()), Report.fmt(c.high()), c.verdict().label);
                if (c.verdict() == Class.UNDECIDED) {
                    open.add(label);
                } else if (c.verdict() == wanted) {
                    pro.add(label);
                } else {
                    con.add(label);
                }
            }
            String verdict = pro.isEmpty() && con.isEmpty() ? (open.isEmpty() ? "no data" : "undecided")
                    : con.isEmpty() ? "holds" : pro.isEmpty() ? "does not hold" : "holds only in part";
            out.add(new QuestionVerdict(q, random ? "mapped ≈10x faster" : "reversed: streams faster than mapped",
                    verdict, pro, con, open, missing(rows, q)));
        }
        return out;
    }

    /** What a full answer to the question would have that these rows lack: APIs and cache states. */
    static List<String> missing(List<Row> rows, String question) {
        Set<String> apis = new LinkedHashSet<>();
        Set<String> states = new LinkedHashSet<>();
        for (Row r : rows) {
            if (r.question().equals(question)) {
                apis.add(r.api());
                states.add(r.param("cache"));
            }
        }
        List<String> missing = new ArrayList<>();
        if (apis.isEmpty()) {
            missing.add(NO_RESULTS);
            return missing;
        }
        for (String api : concat(MAPPED, OTHERS)) {
            if (!apis.contains(api)) {
                missing.add("API " + api);
            }
        }
        for (String s : CACHE_STATES) {
            if (!states.contains(s)) {
                missing.add("cache " + s);
            }
        }
        return missing;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
