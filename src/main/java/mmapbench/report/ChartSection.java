package mmapbench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The link to the chart, or why there is none.
 *
 * @param missing why no chart was drawn; null when it was
 */
record ChartSection(String missing) implements Section {

    /** Draws the chart of {@code comparisons} into {@code file}, and returns the line that points at it. */
    static ChartSection draw(List<Comparison> comparisons, Path file) {
        if (comparisons.isEmpty()) {
            return new ChartSection("no chart: the results hold no pair of a mapped and a non-mapped API");
        }
        try {
            Chart.write(comparisons, file);
            return new ChartSection(null);
        } catch (IOException | RuntimeException | Error e) {
            // A machine without fonts cannot draw text; the report stands without the chart.
            return new ChartSection("no chart: drawing failed (" + e + "); apt-get install fontconfig fonts-dejavu-core");
        }
    }

    @Override
    public String markdown() {
        return missing == null ? "Chart: [`" + Report.CHART + "`](" + Report.CHART + ")\n\n" : missing + "\n\n";
    }
}
