package mmapbench.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The speed-ups as a PNG, drawn with XChart: one panel per question, a bar per mapped/other pair
 * for each block size and cache state, on a log axis with the 10x and 1x lines marked.
 */
public final class Chart {

    private static final int PANEL_WIDTH = 1150;
    private static final int PANEL_HEIGHT = 480;

    private Chart() {
    }

    public static void write(List<Verdict.Comparison> comparisons, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<BufferedImage> panels = new ArrayList<>();
        for (String q : Verdict.QUESTIONS) {
            List<Verdict.Comparison> mine = comparisons.stream().filter(c -> c.question().equals(q)).toList();
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

    private static CategoryChart panel(String question, List<Verdict.Comparison> comparisons) {
        Set<String> groups = new LinkedHashSet<>();
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        for (Verdict.Comparison c : comparisons) {
            groups.add(c.group());
            series.computeIfAbsent(c.mapped() + " / " + c.other(), k -> new LinkedHashMap<>()).put(c.group(), c.ratio());
        }
        CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(question + ": mapped speed-up (other API's time / mapped API's time)")
                .xAxisTitle("block size, cache state").yAxisTitle("speed-up (log)").build();
        org.knowm.xchart.style.CategoryStyler st = chart.getStyler();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        st.setLegendFont(st.getLegendFont().deriveFont(11f));
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setXAxisLabelRotation(20);
        st.setChartTitleFont(st.getChartTitleFont().deriveFont(14f));
        // XChart's bars on a log axis need explicit bounds (else it counts the bars' base, 0, as data).
        double min = Math.min(1, comparisons.stream().mapToDouble(Verdict.Comparison::ratio).min().orElse(1));
        double max = Math.max(10, comparisons.stream().mapToDouble(Verdict.Comparison::ratio).max().orElse(10));
        st.setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        st.setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max))));
        List<String> x = new ArrayList<>(groups);
        series.forEach((name, values) -> {
            List<Double> y = new ArrayList<>();
            for (String group : x) {
                // A missing pair gets 1 (no bar on a log axis starting at 1 is as good as none).
                y.add(values.getOrDefault(group, 1.0));
            }
            chart.addSeries(name, x, y);
        });
        for (double line : new double[]{10, 1}) {
            CategorySeries s = chart.addSeries(line == 10 ? "10x (the lecture's claim)" : "1x (no difference)", x,
                    new ArrayList<>(Collections.nCopies(x.size(), line)));
            s.setChartCategorySeriesRenderStyle(org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Line);
            s.setLineColor(line == 10 ? Color.RED : Color.DARK_GRAY);
            s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        }
        return chart;
    }
}
