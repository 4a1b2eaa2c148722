package mmapbench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line under the header that counts the rows the report could not use, by reason, with up
 * to three of each named: a report never goes silent about rows its result file holds.
 */
record SkippedSection(List<Skipped> skipped, int rows) implements Section {

    private static final int NAMED = 3;

    @Override
    public String markdown() {
        if (skipped.isEmpty()) {
            return "";
        }
        Map<String, Long> byWhy = new LinkedHashMap<>();
        for (Skipped s : skipped) {
            byWhy.merge(s.why(), 1L, Long::sum);
        }
        List<String> parts = new ArrayList<>();
        byWhy.forEach((why, n) -> parts.add(n + " with " + why + " ("
                + String.join(", ", skipped.stream().filter(s -> s.why().equals(why)).limit(NAMED)
                .map(SkippedSection::name).toList())
                + (n > NAMED ? ", ..." : "") + ")"));
        return "**" + skipped.size() + " of " + rows + " rows skipped**: " + String.join("; ", parts) + ".\n\n";
    }

    /** "Class.method {params}": the benchmark without its package, which every row shares. */
    private static String name(Skipped s) {
        String b = s.benchmark();
        return "`" + b.substring(b.lastIndexOf('.', b.lastIndexOf('.') - 1) + 1)
                + (s.params().isEmpty() ? "" : " " + s.params()) + "`";
    }
}
