package dev.opsdeck.backend.alerts;

import dev.opsdeck.backend.alerts.expr.Expr;

import java.util.HashSet;
import java.util.Set;

/** What an expression reads: the series names to remember and the longest window to remember them for. */
final class ExprNames {
    private ExprNames() {
    }

    static Set<String> seriesNames(Expr e) {
        Set<String> out = new HashSet<>();
        walk(e, out);
        return out;
    }

    private static void walk(Expr e, Set<String> out) {
        if (e instanceof Expr.Selector s) {
            out.add(s.name());
        } else if (e instanceof Expr.RangeSelector r) {
            out.add(r.selector().name());
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> walk(a, out));
        } else if (e instanceof Expr.Aggregate a) {
            walk(a.inner(), out);
        } else if (e instanceof Expr.Binary b) {
            walk(b.left(), out);
            walk(b.right(), out);
        } else if (e instanceof Expr.Paren p) {
            walk(p.inner(), out);
        }
    }

    static long longestRangeSeconds(Expr e) {
        if (e instanceof Expr.RangeSelector r) {
            return r.rangeSeconds();
        }
        if (e instanceof Expr.Call c) {
            return c.args().stream().mapToLong(ExprNames::longestRangeSeconds).max().orElse(0);
        }
        if (e instanceof Expr.Aggregate a) {
            return longestRangeSeconds(a.inner());
        }
        if (e instanceof Expr.Binary b) {
            return Math.max(longestRangeSeconds(b.left()), longestRangeSeconds(b.right()));
        }
        if (e instanceof Expr.Paren p) {
            return longestRangeSeconds(p.inner());
        }
        return 0;
    }
}
