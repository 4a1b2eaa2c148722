package mmapbench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows of a result file that the report cannot use, each with the reason, so that a report
 * never goes silent about them ("no data") when the file holds them.
 */
public record Skipped(String benchmark, Map<String, String> params, String why) {

    static final String NO_SCORE = "no score (NaN): the benchmark failed or was interrupted in every fork;"
            + " its error is in JMH's console output";
    static final String NO_API = "a method of a file benchmark that names no API this report knows";
    static final String NO_GROUP = "no blockSize or cache parameter (a number and HOT, WARM or COLD)";

    public static List<Skipped> of(List<Row> rows) {
        List<Skipped> out = new ArrayList<>();
        for (Row r : rows) {
            String why = Double.isNaN(r.score()) ? NO_SCORE
                    : r.fileQuestion().isPresent() && r.api().isEmpty() ? NO_API
                    : r.fileQuestion().isPresent() && Group.of(r).isEmpty() ? NO_GROUP : null;
            if (why != null) {
                out.add(new Skipped(r.benchmark(), r.params(), why));
            }
        }
        return out;
    }
}
