package mmapbench.report;

/**
 * A speed-up (the other API's time over the mapped one's) in words, always in one direction at a
 * time: "2.45x faster", "2.15x slower", never "0.465x faster".
 */
final class Speed {

    private Speed() {
    }

    /** "12.2x faster" at 12.2, "2.15x slower" at 0.465. */
    static String words(double ratio) {
        return ratio >= 1 ? Numbers.fmt(ratio) + "x faster" : Numbers.fmt(1 / ratio) + "x slower";
    }

    /**
     * The speed-ups from {@code low} to {@code high}: "10.7–14.0x" when all are faster, "2.03–2.29x
     * slower" when all are slower, "between 1.07x faster and 1.56x slower" when the range crosses 1
     * (the side the range leans to last).
     */
    static String range(double low, double high) {
        if (low >= 1) {
            return Numbers.fmt(low) + "–" + Numbers.fmt(high) + "x";
        }
        if (high < 1) {
            return Numbers.fmt(1 / high) + "–" + Numbers.fmt(1 / low) + "x slower";
        }
        boolean leansSlower = Math.log(low) + Math.log(high) < 0;
        String faster = Numbers.fmt(high) + "x faster";
        String slower = Numbers.fmt(1 / low) + "x slower";
        return "between " + (leansSlower ? faster + " and " + slower : slower + " and " + faster);
    }

    /**
     * Speed-ups from {@code low} to {@code high} in words for a sentence: "1.17x to 2.51x faster",
     * "51.0x to 110x slower", "from 2.39x slower to 2.12x faster"; one figure when they are one.
     */
    static String span(double low, double high) {
        if (Numbers.fmt(low).equals(Numbers.fmt(high))) {
            return words(low);
        }
        if (low >= 1) {
            return Numbers.fmt(low) + "x to " + Numbers.fmt(high) + "x faster";
        }
        if (high < 1) {
            return Numbers.fmt(1 / high) + "x to " + Numbers.fmt(1 / low) + "x slower";
        }
        return "from " + Numbers.fmt(1 / low) + "x slower to " + Numbers.fmt(high) + "x faster";
    }
}
