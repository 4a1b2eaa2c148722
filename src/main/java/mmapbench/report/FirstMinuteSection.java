package mmapbench.report;

import mmapbench.series.FirstMinuteFile;
import mmapbench.series.FirstMinuteSummary;
import mmapbench.series.Series;
import mmapbench.series.Window;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The first minute of a file larger than memory ({@value FirstMinuteFile#FILE}, written by
 * {@code mmapbench.series.FirstMinute} after the full profile's legs): one line chart per API
 * (reads per second over time, TLB shootdowns per second beside it on the right axis, the moment
 * the cache filled marked), and per API in words when the cache filled and what its reads did
 * after. Nothing for a run without the file.
 */
record FirstMinuteSection(Path file, Path chart) implements Section {

    static final String CHART = "first-minute.png";
    private static final int WIDTH = 1150;
    private static final int HEIGHT = 380;

    static FirstMinuteSection beside(Path resultFile) {
        Path dir = resultFile.toAbsolutePath().getParent();
        return new FirstMinuteSection(dir.resolve(FirstMinuteFile.FILE), dir.resolve(CHART));
    }

    /** Draws the chart when there is a series to draw; a machine that cannot draw keeps the words. */
    void draw() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            FirstMinuteFile f = FirstMinuteFile.read(file);
            if (!f.series().isEmpty()) {
                write(f.series(), chart);
            }
        } catch (IOException | RuntimeException | Error e) {
            System.err.println("mmap-bench: no first-minute chart: " + e);
        }
    }

    static void write(List<Series> series, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<BufferedImage> panels = new ArrayList<>();
        for (Series s : series) {
            panels.add(BitmapEncoder.getBufferedImage(panel(s)));
        }
        BufferedImage all = new BufferedImage(WIDTH, HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        for (int i = 0; i < panels.size(); i++) {
            g.drawImage(panels.get(i), 0, i * HEIGHT, null);
        }
        g.dispose();
        ImageIO.write(all, "png", png.toFile());
    }

    private static XYChart panel(Series s) {
        List<Window> w = s.windows();
        double[] t = new double[w.size()];
        double[] ops = new double[w.size()];
        double[] tlb = new double[w.size()];
        for (int i = 0; i < w.size(); i++) {
            t[i] = (w.get(i).startNanos() + w.get(i).nanos()) / 1e9;
            ops[i] = w.get(i).opsPerSecond();
            tlb[i] = Math.max(0, w.get(i).tlbShootdownsPerSecond());
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(s.label() + ": " + s.blockSize() + "-byte random reads from cold, page cache limited to "
                        + mmapbench.fixture.Sizes.format(s.limitBytes()) + " of a " + mmapbench.fixture.Sizes.format(s.fileSize())
                        + " file, " + s.windowMillis() + " ms windows" + (s.readAroundKb() < 0 ? ""
                        : ", read-around " + s.readAroundKb() + " KiB"))
                .xAxisTitle("seconds from the start").yAxisTitle("reads per second").build();
        Styler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(1, "TLB shootdowns per second");
        XYSeries reads = chart.addSeries("reads/s", t, ops);
        reads.setMarker(SeriesMarkers.NONE);
        reads.setLineColor(new Color(0x1f, 0x4e, 0x9c));
        XYSeries shootdowns = chart.addSeries("TLB shootdowns/s (right axis)", t, tlb);
        shootdowns.setMarker(SeriesMarkers.NONE);
        shootdowns.setLineColor(new Color(0xd0, 0x60, 0x20));
        shootdowns.setYAxisGroup(1);
        FirstMinuteSummary sum = FirstMinuteSummary.of(s);
        if (sum.fill() >= 0) {
            double max = java.util.Arrays.stream(ops).max().orElse(1);
            XYSeries fill = chart.addSeries("cache full", new double[]{sum.fillSeconds(), sum.fillSeconds()},
                    new double[]{0, max});
            fill.setMarker(SeriesMarkers.NONE);
            fill.setLineColor(Color.GRAY);
        }
        return chart;
    }

    @Override
    public String markdown() {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        FirstMinuteFile f;
        try {
            f = FirstMinuteFile.read(file);
        } catch (IOException e) {
            return "The first minute cannot be read: " + e.getMessage() + "\n\n";
        }
        StringBuilder md = new StringBuilder("## The first minute of a file larger than memory\n\n");
        if (f.skipped() != null) {
            return md.append("Not measured: ").append(f.skipped()).append("\n\n").toString();
        }
        md.append("Each API in turn, in a reader JVM of its own whose memory cgroup holds less than the file, reads"
                + " blocks at random from a cold start for a fixed time, counted in short windows (as CIDR 2022's"
                + " \"Are You Sure You Want to Use MMAP in Your DBMS?\" draws it). The cache is full at the first"
                + " window that evicts at least a tenth of what the device read in it; before and after it, the median of the windows' reads per second and"
                + " their 10th to 90th percentile.");
        if (Files.isRegularFile(chart)) {
            md.append(" Chart: [`").append(CHART).append("`](").append(CHART).append(")");
        }
        f.series().stream().mapToLong(Series::readAroundKb).filter(kb -> kb >= 0).max().ifPresent(kb -> md.append(
                " The data device's read-around was ").append(kb).append(" KiB: what a NORMAL mapped fault reads"
                + " around the faulting page, against 4 KiB for MADV_RANDOM and a pread."));
        md.append("\n\n| API | run (s) | reads | cache full at (s) | reads/s before | reads/s after | after / before |"
                + " longest drop after (s) | TLB shootdowns/s after |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Series s : f.series()) {
            FirstMinuteSummary sum = FirstMinuteSummary.of(s);
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %d | %s | %s | %s | %s | %s | %s |%n", s.label(),
                    s.runNanos() / 1e9, s.totalOps(), sum.fill() < 0 ? "never" : String.format(Locale.ROOT, "%.1f",
                            sum.fillSeconds()), Numbers.fmt(sum.before().median()), Numbers.fmt(sum.after().median()),
                    sum.fill() < 0 || !(sum.before().median() > 0) ? ""
                            : String.format(Locale.ROOT, "%.2fx", sum.after().median() / sum.before().median()),
                    sum.fill() < 0 ? "" : String.format(Locale.ROOT, "%.1f", sum.longestDropSeconds()),
                    Numbers.fmt(sum.tlbPerSecondAfter())));
        }
        md.append('\n');
        for (Series s : f.series()) {
            md.append("- ").append(s.label()).append(": ").append(FirstMinuteSummary.of(s).sentence()).append('\n');
        }
        md.append('\n');
        return md.toString();
    }
}
