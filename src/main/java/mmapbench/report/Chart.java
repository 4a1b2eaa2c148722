package mmapbench.report;

import mmapbench.file.Question;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
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
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * The decisive speed-ups as a PNG, drawn with XChart: one panel per question, each group's
 * decisive pair a point with its 95% interval as an error bar. The axis is logarithmic and
 * centred on 1x (no difference): a ratio of 10 and one of 0.1 lie equally far from it, above for
 * a faster mapping, below for a slower one, and no bar is drawn up from an arbitrary floor.
 * XChart draws error bars on linear axes only, so the points are log10(ratio) on a linear axis
 * whose tick labels are the ratios ("1/10x", "1x", "10x"); the interval is symmetric on that
 * scale, which is the scale it was computed on. Decided pairs are filled dark circles, pairs on
 * a border purple diamonds, undecided ones light grey crosses; variants (not counted for the
 * claim) green triangles.
 */
public final class Chart {

    private static final int PANEL_WIDTH = 1150;
    private static final int PANEL_HEIGHT = 520;

    private Chart() {
    }

    public static void write(List<Comparison> comparisons, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<BufferedImage> panels = new ArrayList<>();
        for (Question q : Question.values()) {
            List<Comparison> mine = comparisons.stream()
                    .filter(c -> c.decisive() && c.group().question() == q).sorted((a, b) -> a.group().compareTo(b.group()))
                    .toList();
            if (!mine.isEmpty()) {
                panels.add(BitmapEncoder.getBufferedImage(panel(q, mine)));
            }
        }
        if (panels.isEmpty()) {
            throw new IOException("no file benchmark rows to chart");
        }
        int cols = panels.size() == 1 ? 1 : 2;
        int rows = (panels.size() + cols - 1) / cols;
        BufferedImage all = new BufferedImage(cols * PANEL_WIDTH, rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(panels.get(i), (i % cols) * PANEL_WIDTH, (i / cols) * PANEL_HEIGHT, null);
        }
        g.dispose();
        ImageIO.write(all, "png", png.toFile());
    }

    private static CategoryChart panel(Question question, List<Comparison> comparisons) {
        List<String> x = comparisons.stream().map(c -> c.group().label()).toList();
        CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(question.words() + " (the lecture: " + question.claim().label
                        + "): other API's time / mapped API's, 95% interval")
                .xAxisTitle("block size, cache state").yAxisTitle("speed-up of the mapping (log scale)").build();
        org.knowm.xchart.style.CategoryStyler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendFont(st.getLegendFont().deriveFont(11f));
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setOverlapped(true);
        st.setXAxisLabelRotation(30);
        st.setChartTitleFont(st.getChartTitleFont().deriveFont(14f));
        st.setErrorBarsColorSeriesColor(true);
        st.setMarkerSize(10);
        double lo = Math.log10(RatioClass.SAME_MIN);
        double hi = Math.log10(10);
        for (Comparison c : comparisons) {
            Interval i = c.interval();
            lo = Math.min(lo, Math.log10(i.bounded() ? i.low() : i.ratio()));
            hi = Math.max(hi, Math.log10(i.bounded() ? i.high() : i.ratio()));
        }
        double span = Math.max(Math.abs(Math.floor(lo * 2) / 2), Math.abs(Math.ceil(hi * 2) / 2));
        // Centred on 1x, so that faster and slower by the same factor look the same size.
        st.setYAxisMin(-span);
        st.setYAxisMax(span);
        // Below 1x as "1/3x" rather than "0.333x": a slower mapping reads as plainly as a faster one.
        st.setyAxisTickLabelsFormattingFunction(v -> v >= -1e-9 ? Numbers.fmt(Math.pow(10, v)) + "x"
                : "1/" + Numbers.fmt(Math.pow(10, -v)) + "x");
        line(chart, x, 1, "1x: no difference", Color.DARK_GRAY, false);
        line(chart, x, 10, "10x: the lecture's claim", Color.RED, false);
        line(chart, x, RatioClass.TEN_X_MIN, "class thresholds (0.8, 1.25, 7.5)", Color.LIGHT_GRAY, true);
        line(chart, x, RatioClass.FASTER_MIN, null, Color.LIGHT_GRAY, true);
        line(chart, x, RatioClass.SAME_MIN, null, Color.LIGHT_GRAY, true);
        points(chart, x, comparisons, "decided", c -> c.group().variant().plain() && c.verdict() != RatioClass.UNDECIDED
                && c.verdict() != RatioClass.BORDERLINE, new Color(20, 60, 150), SeriesMarkers.CIRCLE);
        points(chart, x, comparisons, "on the border", c -> c.group().variant().plain()
                && c.verdict() == RatioClass.BORDERLINE, new Color(130, 40, 160), SeriesMarkers.DIAMOND);
        points(chart, x, comparisons, "undecided", c -> c.group().variant().plain()
                && c.verdict() == RatioClass.UNDECIDED, new Color(170, 170, 170), SeriesMarkers.CROSS);
        points(chart, x, comparisons, "variant (not counted)", c -> !c.group().variant().plain(),
                new Color(30, 140, 60), SeriesMarkers.TRIANGLE_UP);
        return chart;
    }

    private static void points(CategoryChart chart, List<String> x, List<Comparison> comparisons, String name,
                               Predicate<Comparison> mine, Color color, org.knowm.xchart.style.markers.Marker marker) {
        if (comparisons.stream().noneMatch(mine)) {
            return;
        }
        List<Double> y = new ArrayList<>();
        List<Double> error = new ArrayList<>();
        for (Comparison c : comparisons) {
            Interval i = c.interval();
            boolean in = mine.test(c);
            y.add(in ? Math.log10(i.ratio()) : Double.NaN);
            error.add(in && i.bounded() ? Math.log10(i.high() / i.ratio()) : 0.0);
        }
        CategorySeries s = chart.addSeries(name, x, y, error);
        s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
        s.setLineColor(color);
    }

    private static void line(CategoryChart chart, List<String> x, double ratio, String name, Color color,
                             boolean dashed) {
        CategorySeries s = chart.addSeries(name == null ? ratio + "x" : name, x,
                new ArrayList<>(Collections.nCopies(x.size(), Math.log10(ratio))));
        s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(name != null);
        if (dashed) {
            s.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        }
    }
}
