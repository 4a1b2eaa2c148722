package mmapbench.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import mmapbench.file.Api;

import java.util.List;

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
