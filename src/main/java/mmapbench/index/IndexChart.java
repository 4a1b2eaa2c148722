package mmapbench.index;

import mmapbench.file.Question;
import mmapbench.report.Group;
import mmapbench.report.Interval;
import mmapbench.report.Numbers;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The index as a PNG, drawn with XChart: a panel per question, stacked; in it each group's
 * decisive speed-up a point with its 95% interval per run, the runs side by side within a group,
 * each run in its own colour in every panel. The axis is the report chart's: log10 of the ratio on
 * a linear axis (XChart draws error bars on linear axes only), labelled in ratios and centred on
 * 1x, with grey lines at 1x (no difference) and at 10x (the lecture's claim).
 */
final class IndexChart {

    private static final int WIDTH = 1400;
    private static final int HEIGHT = 560;
    private static final Color[] COLOURS = {new Color(20, 60, 150), new Color(220, 110, 20), new Color(30, 140, 60),
            new Color(190, 30, 45), new Color(130, 40, 160), new Color(120, 80, 40), new Color(20, 150, 160),
            new Color(110, 110, 110)};

    private IndexChart() {
    }

    /** Draws the chart into {@code png}; returns the Markdown line that points at it, or says why there is none. */
    static String draw(List<IndexedRun> runs, Path png) {
        try {
            if (!write(runs, png)) {
                return "No chart: no run has a pair of a mapped and a non-mapped API.";
            }
            return "Chart: [`" + png.getFileName() + "`](" + png.getFileName() + ")";
        } catch (IOException | RuntimeException | Error e) {
            // A machine without fonts cannot draw text; the index stands without the chart.
            return "No chart: drawing failed (" + e + "); apt-get install fontconfig fonts-dejavu-core";
        }
    }

    /** False when there is nothing to draw. */
    static boolean write(List<IndexedRun> runs, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<BufferedImage> panels = new ArrayList<>();
        for (Question q : Question.values()) {
            Set<Group> groups = new TreeSet<>();
            runs.forEach(r -> groups.addAll(r.pairs(q).keySet()));
            if (!groups.isEmpty()) {
                panels.add(BitmapEncoder.getBufferedImage(panel(q, new ArrayList<>(groups), runs)));
            }
        }
        if (panels.isEmpty()) {
            return false;
        }
        BufferedImage all = new BufferedImage(WIDTH, panels.size() * HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(panels.get(i), 0, i * HEIGHT, null);
        }
        g.dispose();
        ImageIO.write(all, "png", png.toFile());
        return true;
    }

    private static CategoryChart panel(Question q, List<Group> groups, List<IndexedRun> runs) {
        boolean severalFileSizes = groups.stream().map(Group::fileSize).distinct().count() > 1;
        List<String> x = groups.stream().map(g -> IndexMarkdown.label(g, severalFileSizes)).toList();
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(q.words() + " (the lecture: " + q.claim().label + "): each run's decisive speed-up, 95% interval")
                .xAxisTitle("block size, cache state").yAxisTitle("speed-up of the mapping (log scale)").build();
        CategoryStyler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        // Side by side: each run its own place within a group, so that overlapping intervals stay visible.
        st.setOverlapped(false);
        st.setXAxisLabelRotation(30);
        st.setErrorBarsColorSeriesColor(true);
        st.setMarkerSize(9);
        st.setAnnotationLineColor(Color.GRAY);
        st.setAnnotationLineStroke(new BasicStroke(1f));
        double span = 1;
        for (IndexedRun r : runs) {
            for (IndexedRun.Pair p : r.pairs(q).values()) {
                Interval i = p.comparison().interval();
                span = Math.max(span, Math.abs(Math.log10(i.bounded() ? i.low() : i.ratio())));
                span = Math.max(span, Math.abs(Math.log10(i.bounded() ? i.high() : i.ratio())));
            }
        }
        // Centred on 1x, so that faster and slower by the same factor look the same size.
        span = Math.ceil(span * 2) / 2;
        st.setYAxisMin(-span);
        st.setYAxisMax(span);
        st.setyAxisTickLabelsFormattingFunction(v -> v >= -1e-9 ? Numbers.fmt(Math.pow(10, v)) + "x"
                : "1/" + Numbers.fmt(Math.pow(10, -v)) + "x");
        chart.addAnnotation(new AnnotationLine(0, false, false));
        chart.addAnnotation(new AnnotationLine(1, false, false));
        for (int k = 0; k < runs.size(); k++) {
            Map<Group, IndexedRun.Pair> pairs = runs.get(k).pairs(q);
            if (pairs.isEmpty()) {
                continue;
            }
            List<Double> y = new ArrayList<>();
            List<Double> error = new ArrayList<>();
            for (Group g : groups) {
                IndexedRun.Pair p = pairs.get(g);
                Interval i = p == null ? null : p.comparison().interval();
                y.add(i == null ? Double.NaN : Math.log10(i.ratio()));
                error.add(i != null && i.bounded() ? Math.log10(i.high() / i.ratio()) : 0.0);
            }
            CategorySeries s = chart.addSeries(runs.get(k).label() + " " + runs.get(k).name(), x, y, error);
            s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            Color colour = COLOURS[k % COLOURS.length];
            s.setMarkerColor(colour);
            s.setLineColor(colour);
        }
        return chart;
    }
}
