package dev.srp.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough reading of Prometheus's JSON answers and Grafana's dashboard JSON for the monitoring tests. */
final class PromJson {
    private static final Pattern EXPR = Pattern.compile("\"expr\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern POINT = Pattern.compile("\\[([0-9.]+),\"([^\"]+)\"\\]");

    private PromJson() {
    }

    static boolean success(String answer) {
        return answer.contains("\"status\":\"success\"");
    }

    static boolean hasData(String answer) {
        return success(answer) && !answer.contains("\"result\":[]");
    }

    /** Every "expr" string in a Grafana dashboard, unescaped. */
    static List<String> dashboardExpressions(String dashboardJson) {
        List<String> out = new ArrayList<>();
        Matcher m = EXPR.matcher(dashboardJson);
        while (m.find()) {
            out.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return out;
    }

    /** The (time, value) points of the first series of a range answer; NaN values are skipped. */
    static List<double[]> firstSeries(String rangeAnswer) {
        List<double[]> points = new ArrayList<>();
        int start = rangeAnswer.indexOf("\"values\":[");
        if (start < 0) {
            return points;
        }
        int end = rangeAnswer.indexOf("]]", start);
        Matcher m = POINT.matcher(rangeAnswer.substring(start, end < 0 ? rangeAnswer.length() : end + 2));
        while (m.find()) {
            double v = Double.parseDouble(m.group(2));
            if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                points.add(new double[] {Double.parseDouble(m.group(1)), v});
            }
        }
        return points;
    }
}
