package dev.opsdeck.backend.alerts.expr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The functions of the subset, with Prometheus's definitions. */
final class Functions {
    private Functions() {
    }

    @SuppressWarnings("unchecked")
    static Object call(Expr.Call c, Function<Expr, Object> eval) {
        switch (c.function()) {
            case "rate":
            case "increase":
            case "avg_over_time":
            case "max_over_time":
            case "min_over_time": {
                Expr.RangeSelector r = (Expr.RangeSelector) c.args().get(0);
                List<RangeSeries> series = (List<RangeSeries>) eval.apply(r);
                List<Sample> out = new ArrayList<>();
                for (RangeSeries s : series) {
                    Double v = overRange(c.function(), s.points(), r.rangeSeconds());
                    if (v != null) {
                        out.add(new Sample(s.labels(), v));
                    }
                }
                return out;
            }
            case "histogram_quantile": {
                double q = ((Expr.Number) c.args().get(0)).value();
                return histogramQuantile(q, Evaluator.castVector(eval.apply(c.args().get(1))));
            }
            case "abs": {
                List<Sample> out = new ArrayList<>();
                for (Sample s : Evaluator.castVector(eval.apply(c.args().get(0)))) {
                    out.add(new Sample(s.labels(), Math.abs(s.value())));
                }
                return out;
            }
            default:
                throw new EvaluationException("unsupported function " + c.function());
        }
    }

    /** Null when the window holds too few points to say anything (Prometheus returns no sample then either). */
    private static Double overRange(String fn, List<Point> points, long rangeSeconds) {
        if (fn.endsWith("_over_time")) {
            if (points.isEmpty()) {
                return null;
            }
            var stats = points.stream().mapToDouble(Point::value).summaryStatistics();
            return fn.startsWith("avg") ? stats.getAverage() : fn.startsWith("max") ? stats.getMax() : stats.getMin();
        }
        if (points.size() < 2) {
            return null;
        }
        double increase = 0;
        for (int i = 1; i < points.size(); i++) {
            double d = points.get(i).value() - points.get(i - 1).value();
            // A counter that went down was reset (process restart): everything since the reset is increase.
            increase += d >= 0 ? d : points.get(i).value();
        }
        double seconds = (points.get(points.size() - 1).atMillis() - points.get(0).atMillis()) / 1000.0;
        if (seconds <= 0) {
            return null;
        }
        double rate = increase / seconds;
        return fn.equals("rate") ? rate : rate * rangeSeconds;
    }

    /** Prometheus's classic-histogram quantile over {@code le} buckets, grouped by the other labels. */
    static List<Sample> histogramQuantile(double q, List<Sample> buckets) {
        Map<Map<String, String>, TreeMap<Double, Double>> groups = new LinkedHashMap<>();
        for (Sample s : buckets) {
            String le = s.labels().get("le");
            if (le == null) {
                continue;
            }
            double bound;
            try {
                bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
            } catch (NumberFormatException e) {
                continue;
            }
            Map<String, String> key = new TreeMap<>(s.labels());
            key.remove("le");
            groups.computeIfAbsent(key, k -> new TreeMap<>(Comparator.naturalOrder())).merge(bound, s.value(), Double::sum);
        }
        List<Sample> out = new ArrayList<>();
        groups.forEach((labels, b) -> out.add(new Sample(labels, quantile(q, b))));
        return out;
    }

    private static double quantile(double q, TreeMap<Double, Double> buckets) {
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (buckets.size() < 2 || buckets.lastKey() != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        List<double[]> list = new ArrayList<>();
        double max = 0;
        for (var e : buckets.entrySet()) {
            max = Math.max(max, e.getValue()); // rates of cumulative buckets can wobble; keep them monotonic
            list.add(new double[]{e.getKey(), max});
        }
        double total = list.get(list.size() - 1)[1];
        if (total == 0 || Double.isNaN(total)) {
            return Double.NaN;
        }
        double rank = q * total;
        int i = 0;
        while (i < list.size() - 1 && list.get(i)[1] < rank) {
            i++;
        }
        if (i == list.size() - 1) {
            return list.get(list.size() - 2)[0];
        }
        double end = list.get(i)[0];
        double start = 0;
        double countBefore = 0;
        if (i > 0) {
            start = list.get(i - 1)[0];
            countBefore = list.get(i - 1)[1];
        } else if (end <= 0) {
            return end;
        }
        double inBucket = list.get(i)[1] - countBefore;
        return inBucket == 0 ? end : start + (end - start) * ((rank - countBefore) / inBucket);
    }
}
