package dev.srp.launcher;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Draws time series from a Prometheus run as stacked line charts into a PNG (Java2D; no plotting library needed). */
final class RunPlot {
    private static final int W = 900;
    private static final int CHART_H = 260;
    private static final Color[] COLOURS = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(44, 160, 44), new Color(214, 39, 40)};

    /** One chart: a title, a unit and named series of (epoch seconds, value) points. */
    record Chart(String title, String unit, Map<String, List<double[]>> series) {
    }

    private RunPlot() {
    }

    static void write(Path png, String heading, double t0, double t1, List<Chart> charts) throws Exception {
        BufferedImage img = new BufferedImage(W, 40 + charts.size() * CHART_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(heading, 20, 25);
        for (int i = 0; i < charts.size(); i++) {
            draw(g, charts.get(i), 40 + i * CHART_H, t0, t1);
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void draw(Graphics2D g, Chart chart, int top, double t0, double t1) {
        int left = 70;
        int right = W - 200;
        int y0 = top + 30;
        int y1 = top + CHART_H - 40;
        double max = chart.series.values().stream().flatMap(List::stream).mapToDouble(p -> p[1]).max().orElse(1);
        max = max <= 0 ? 1 : max * 1.1;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString(chart.title + " (" + chart.unit + ")", left, top + 20);
        g.setColor(Color.LIGHT_GRAY);
        for (int k = 0; k <= 4; k++) {
            int y = y1 - (y1 - y0) * k / 4;
            g.drawLine(left, y, right, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(java.util.Locale.ROOT, "%.2f", max * k / 4), 10, y + 4);
            g.setColor(Color.LIGHT_GRAY);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("0 s", left, y1 + 15);
        g.drawString(String.format(java.util.Locale.ROOT, "%.0f s", t1 - t0), right - 25, y1 + 15);
        int c = 0;
        for (var e : chart.series.entrySet()) {
            g.setColor(COLOURS[c % COLOURS.length]);
            g.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            for (double[] p : e.getValue()) {
                int x = left + (int) ((p[0] - t0) / (t1 - t0) * (right - left));
                int y = y1 - (int) (p[1] / max * (y1 - y0));
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.fillRect(right + 15, y0 + c * 18, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), right + 30, y0 + 10 + c * 18);
            c++;
        }
    }
}
