package io.github.citusaudit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The scale figures as an SVG line chart (seconds against tables), written by hand: a few lines of
 * markup need no plotting library. One line per goal, each point marked, axes with round ticks.
 */
final class ScalePlot {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final int LEFT = 60;
    private static final int RIGHT = 230;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private record Line(String label, String colour, ToLongFunction<ScaleTiming.Point> nanos) {
    }

    private static final List<Line> LINES = List.of(
            new Line("plugin apply (whole)", "#1f77b4", ScaleTiming.Point::applyNanos),
            new Line("plugin trigger + function", "#17becf", ScaleTiming.Point::triggerWorkNanos),
            new Line("bare native script", "#7f7f7f", ScaleTiming.Point::bareNativeNanos),
            new Line("verify", "#2ca02c", ScaleTiming.Point::verifyNanos),
            new Line("apply, nothing to change", "#ff7f0e", ScaleTiming.Point::reapplyNanos),
            new Line("generate", "#9467bd", ScaleTiming.Point::generateNanos));

    private ScalePlot() {
    }

    static Path write(Path directory, ScaleTiming.Result result, String subtitle) {
        List<ScaleTiming.Point> points = result.points();
        double maxTables = points.stream().mapToInt(ScaleTiming.Point::tables).max().orElse(1);
        double maxSeconds = LINES.stream().flatMap(l -> points.stream().map(p -> l.nanos().applyAsLong(p) / 1e9))
                .mapToDouble(Double::doubleValue).max().orElse(1);
        double yTop = niceCeiling(maxSeconds);
        double xRight = niceCeiling(maxTables);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
                .append(text(LEFT, 18, "citus-audit: seconds against tables (" + result.shards() + " shards each)", "start", 14))
                .append(text(LEFT, 33, subtitle, "start", 11));
        for (int i = 0; i <= 5; i++) {
            double seconds = yTop * i / 5;
            double y = TOP + plotHeight - plotHeight * i / 5.0;
            svg.append(line(LEFT, y, LEFT + plotWidth, y, "#e0e0e0"))
                    .append(text(LEFT - 6, y + 4, Stats.format(yTop >= 10 ? "%.0f" : "%.1f", seconds), "end", 11));
            double tables = xRight * i / 5;
            double x = LEFT + plotWidth * i / 5.0;
            svg.append(line(x, TOP + plotHeight, x, TOP + plotHeight + 4, "black"))
                    .append(text(x, TOP + plotHeight + 18, Stats.format("%.0f", tables), "middle", 11));
        }
        svg.append(line(LEFT, TOP, LEFT, TOP + plotHeight, "black"))
                .append(line(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight, "black"))
                .append(text(LEFT + plotWidth / 2.0, HEIGHT - 10, "tables", "middle", 12))
                .append("<text x=\"14\" y=\"").append(TOP + plotHeight / 2).append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
                .append(TOP + plotHeight / 2).append(")\">seconds</text>\n");
        int legendY = TOP + 10;
        for (Line l : LINES) {
            StringBuilder path = new StringBuilder();
            for (ScaleTiming.Point p : points) {
                double x = LEFT + plotWidth * p.tables() / xRight;
                double y = TOP + plotHeight - plotHeight * (l.nanos().applyAsLong(p) / 1e9) / yTop;
                path.append(path.isEmpty() ? "M" : " L").append(Stats.format("%.1f", x)).append(',').append(Stats.format("%.1f", y));
                svg.append("<circle cx=\"").append(Stats.format("%.1f", x)).append("\" cy=\"").append(Stats.format("%.1f", y))
                        .append("\" r=\"3\" fill=\"").append(l.colour()).append("\"/>\n");
            }
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(l.colour()).append("\" stroke-width=\"2\"/>\n");
            int lx = LEFT + plotWidth + 15;
            svg.append(line(lx, legendY - 4, lx + 20, legendY - 4, l.colour()).replace("/>", " stroke-width=\"2\"/>"))
                    .append(text(lx + 26, legendY, l.label(), "start", 11));
            legendY += 18;
        }
        svg.append("</svg>\n");
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve("scale.svg");
            Files.writeString(file, svg, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}. */
    private static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1e-9))));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return "<line x1=\"" + Stats.format("%.1f", x1) + "\" y1=\"" + Stats.format("%.1f", y1) + "\" x2=\"" + Stats.format("%.1f", x2)
                + "\" y2=\"" + Stats.format("%.1f", y2) + "\" stroke=\"" + colour + "\"/>\n";
    }

    private static String text(double x, double y, String content, String anchor, int size) {
        return "<text x=\"" + Stats.format("%.1f", x) + "\" y=\"" + Stats.format("%.1f", y) + "\" text-anchor=\"" + anchor
                + "\" font-size=\"" + size + "\">" + content.replace("&", "&amp;").replace("<", "&lt;") + "</text>\n";
    }
}
