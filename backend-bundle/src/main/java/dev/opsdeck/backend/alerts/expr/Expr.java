package dev.opsdeck.backend.alerts.expr;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The PromQL subset rules are written in. Each node prints itself back as PromQL, so a stored rule is
 * exported unchanged to a real Prometheus: the subset is a strict subset, never a dialect.
 */
public sealed interface Expr permits Expr.Number, Expr.Selector, Expr.RangeSelector, Expr.Call, Expr.Aggregate,
        Expr.Binary, Expr.Paren {

    /** This expression as PromQL text. */
    String promql();

    /** A number literal, e.g. the {@code 0.99} of {@code histogram_quantile}. */
    record Number(double value, String text) implements Expr {
        @Override
        public String promql() {
            return text;
        }
    }

    /** An instant vector selector: {@code name{label="v", ...}}. */
    record Selector(String name, List<Matcher> matchers) implements Expr {
        public Selector {
            matchers = List.copyOf(matchers);
        }

        @Override
        public String promql() {
            if (matchers.isEmpty()) {
                return name;
            }
            return name + matchers.stream().map(Matcher::promql).collect(Collectors.joining(", ", "{", "}"));
        }
    }

    /** A range vector selector: {@code name{...}[5m]}; only valid as a function argument. */
    record RangeSelector(Selector selector, long rangeSeconds, String rangeText) implements Expr {
        @Override
        public String promql() {
            return selector.promql() + "[" + rangeText + "]";
        }
    }

    /** A function call such as {@code rate(x[5m])} or {@code histogram_quantile(0.99, ...)}. */
    record Call(String function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public String promql() {
            return function + args.stream().map(Expr::promql).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /** {@code sum by (label) (expr)} and friends; {@code without} drops the listed labels instead. */
    record Aggregate(String op, List<String> grouping, boolean without, Expr inner) implements Expr {
        public Aggregate {
            grouping = List.copyOf(grouping);
        }

        @Override
        public String promql() {
            String head = op;
            if (!grouping.isEmpty() || without) {
                head += (without ? " without (" : " by (") + String.join(", ", grouping) + ") ";
            }
            return head + "(" + inner.promql() + ")";
        }
    }

    /** Arithmetic ({@code + - * /}) or comparison ({@code > < >= <= == !=}, filtering unless {@code bool}). */
    record Binary(String op, Expr left, Expr right, boolean bool) implements Expr {
        @Override
        public String promql() {
            return left.promql() + " " + op + (bool ? " bool " : " ") + right.promql();
        }

        public boolean comparison() {
            return Operators.isComparison(op);
        }
    }

    /** Parentheses kept from the source, so printing gives back what the operator wrote. */
    record Paren(Expr inner) implements Expr {
        @Override
        public String promql() {
            return "(" + inner.promql() + ")";
        }
    }
}
