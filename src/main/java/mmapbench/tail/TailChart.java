package mmapbench.tail;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One group's percentiles as a PNG, drawn with XChart: log latency against log percentile, one
 * line per API. The x axis is 1 / (1 − p), the usual axis of a latency distribution: 2 is the
 * median, 10 p90, 1000 p99.9, each decade of it one more nine; the last point of a line is its
 * maximum, placed at its operations a fork. Mapped APIs are dashed with diamonds, the others solid
 * with circles, so the two kinds tell apart in grey too. A percentile a fork does not reach is
 * not drawn (see {@link TailRow#reaches}).
 */
final class TailChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    private TailChart() {
    }

    static void write(TailSection.Group group, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(group.question() + ", " + group.label())
                .xAxisTitle("1 / (1 − percentile): 10 = p90, 100 = p99, 1000 = p99.9 (last point: max)")
                .yAxisTitle("ns per " + group.operation()).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (TailRow r : group.rows()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (TailProfiler.Percentile p : TailProfiler.PERCENTILES) {
                double v = r.typical(p.label());
                if (r.reaches(p.percentile()) && v > 0) {
                    x.add(1 / (1 - p.percentile() / 100));
                    y.add(v);
                }
            }
            double max = r.typical(TailProfiler.MAX);
            if (max > 0 && r.fewestSamples() > 0) {
                x.add((double) Math.max(r.fewestSamples(), x.isEmpty() ? 2 : x.getLast() * 2));
                y.add(max);
            }
            if (x.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(r.method() + (r.api().mapped ? " (mapped)" : ""), x, y);
            s.setMarker(r.api().mapped ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
            if (r.api().mapped) {
                s.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                        new float[]{9, 5}, 0));
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            return;
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
