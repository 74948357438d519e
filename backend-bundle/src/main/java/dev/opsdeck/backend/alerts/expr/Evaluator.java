package dev.opsdeck.backend.alerts.expr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates an {@link Expr} at one instant over a {@link SampleSource}, with Prometheus semantics where it
 * matters for alerting: comparisons filter, vectors match one-to-one on their labels, counter resets count
 * as increases, and {@code histogram_quantile} interpolates linearly inside the bucket as Prometheus does.
 * One simplification, said here so nobody is surprised: {@code rate} divides by the time between the first
 * and last point in the window rather than extrapolating to the window's edges.
 */
public final class Evaluator {
    private final SampleSource source;
    private final long atMillis;

    public Evaluator(SampleSource source, long atMillis) {
        this.source = source;
        this.atMillis = atMillis;
    }

    /** The result as an instant vector; a scalar result becomes one sample without labels. */
    public List<Sample> vector(Expr e) {
        Object v = eval(e);
        if (v instanceof Double d) {
            return List.of(new Sample(Map.of(), d));
        }
        return castVector(v);
    }

    private Object eval(Expr e) {
        if (e instanceof Expr.Number n) {
            return n.value();
        }
        if (e instanceof Expr.Paren p) {
            return eval(p.inner());
        }
        if (e instanceof Expr.Selector s) {
            return source.instant(s.name(), s.matchers(), atMillis);
        }
        if (e instanceof Expr.RangeSelector r) {
            return source.range(r.selector().name(), r.selector().matchers(), atMillis - r.rangeSeconds() * 1000, atMillis);
        }
        if (e instanceof Expr.Call c) {
            return Functions.call(c, this::eval);
        }
        if (e instanceof Expr.Aggregate a) {
            return aggregate(a, castVector(eval(a.inner())));
        }
        Expr.Binary b = (Expr.Binary) e;
        return binary(b, eval(b.left()), eval(b.right()));
    }

    @SuppressWarnings("unchecked")
    static List<Sample> castVector(Object v) {
        if (v instanceof Double) {
            throw new EvaluationException("expected a vector, got a scalar");
        }
        return (List<Sample>) v;
    }

    private static List<Sample> aggregate(Expr.Aggregate a, List<Sample> in) {
        Map<Map<String, String>, List<Double>> groups = new LinkedHashMap<>();
        for (Sample s : in) {
            Map<String, String> key = new TreeMap<>();
            s.labels().forEach((k, v) -> {
                boolean listed = a.grouping().contains(k);
                if (a.without() != listed) {
                    key.put(k, v);
                }
            });
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(s.value());
        }
        List<Sample> out = new ArrayList<>();
        groups.forEach((labels, values) -> out.add(new Sample(labels, reduce(a.op(), values))));
        return out;
    }

    private static double reduce(String op, List<Double> values) {
        switch (op) {
            case "sum": return values.stream().mapToDouble(Double::doubleValue).sum();
            case "avg": return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            case "min": return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            case "max": return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            default: return values.size();
        }
    }

    private static Object binary(Expr.Binary b, Object l, Object r) {
        String op = b.op();
        boolean cmp = b.comparison();
        if (l instanceof Double x && r instanceof Double y) {
            if (!cmp) {
                return Operators.arithmetic(op, x, y);
            }
            boolean t = Operators.compare(op, x, y);
            return b.bool() ? (t ? 1.0 : 0.0) : (t ? (Object) x : List.of());
        }
        if (l instanceof Double || r instanceof Double) {
            boolean scalarLeft = l instanceof Double;
            double scalar = scalarLeft ? (Double) l : (Double) r;
            List<Sample> out = new ArrayList<>();
            for (Sample s : castVector(scalarLeft ? r : l)) {
                double a = scalarLeft ? scalar : s.value();
                double c = scalarLeft ? s.value() : scalar;
                out.addAll(apply(op, cmp, b.bool(), s.labels(), a, c, s.value()));
            }
            return out;
        }
        Map<Map<String, String>, Sample> right = new HashMap<>();
        for (Sample s : castVector(r)) {
            if (right.put(s.labels(), s) != null) {
                throw new EvaluationException("duplicate series on the right side of " + op + ": " + s.labels());
            }
        }
        List<Sample> out = new ArrayList<>();
        for (Sample s : castVector(l)) {
            Sample m = right.get(s.labels());
            if (m != null) {
                out.addAll(apply(op, cmp, b.bool(), s.labels(), s.value(), m.value(), s.value()));
            }
        }
        return out;
    }

    private static List<Sample> apply(String op, boolean cmp, boolean bool, Map<String, String> labels, double a, double c, double keep) {
        if (!cmp) {
            return List.of(new Sample(labels, Operators.arithmetic(op, a, c)));
        }
        boolean t = Operators.compare(op, a, c);
        if (bool) {
            return List.of(new Sample(labels, t ? 1 : 0));
        }
        return t ? List.of(new Sample(labels, keep)) : List.of();
    }
}
