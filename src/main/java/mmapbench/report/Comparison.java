package mmapbench.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import mmapbench.file.Api;

import java.util.List;
import java.util.Locale;

/**
 * One speed-up: {@code mapped} over {@code other} in one group, the other API's time over the
 * mapped one's, with its 95% interval and class.
 *
 * @param decisive the group's decisive pair: its faster mapped API against its fastest non-mapped API
 * @param steady   neither row's iterations trend ({@link Steadiness})
 * @param decide   for an undecided pair, what would decide it; else empty
 */
public record Comparison(Group group, Api mapped, Api other, Interval interval, RatioClass verdict, boolean decisive,
                         boolean steady, String decide) {

    /** For a pair on the border, the classes on either side of it; else empty. */
    @JsonProperty("between")
    public List<RatioClass> between() {
        return verdict == RatioClass.BORDERLINE
                ? List.of(RatioClass.of(interval.low()), RatioClass.of(interval.high())) : List.of();
    }

    /** "12x [10–14]"-style figure for tables. */
    public String figure() {
        return Numbers.fmt(interval.ratio()) + "x [" + (interval.bounded()
                ? Numbers.fmt(interval.low()) + "–" + Numbers.fmt(interval.high()) : "no interval") + "]";
    }

    /**
     * "a mapping (memorySegment) is 12.2x faster than fileChannel (95%: 10.7–14.0x)", "... 2.15x
     * slower than fileChannel (95%: 2.03–2.29x slower)": the pair's speed-up in one direction, with
     * its interval in the same words; an interval that crosses 1 says both directions, "(95%:
     * between 1.07x faster and 1.56x slower)", never a range that mixes them.
     */
    public String speedWords() {
        Interval i = interval;
        return String.format(Locale.ROOT, "a mapping (%s) is %s than %s%s", mapped.method, Speed.words(i.ratio()),
                other.method, i.bounded() ? " (95%: " + Speed.range(i.low(), i.high()) + ")" : "");
    }

    /** The class in words, with the border's two sides or what would decide it. */
    public String verdictLabel() {
        return switch (verdict) {
            case BORDERLINE -> "about " + Numbers.fmt(RatioClass.nearestThreshold(interval.ratio())) + "x: between "
                    + between().get(0).label + " and " + between().get(1).label;
            case UNDECIDED -> verdict.label + " (" + decide + ")";
            default -> verdict.label;
        };
    }
}
