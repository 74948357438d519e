package dev.opsdeck.backend.alerts.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the PromQL subset: selectors with label matchers, range selectors,
 * {@code rate}/{@code increase}/{@code *_over_time}/{@code histogram_quantile}/{@code abs}, the aggregations
 * {@code sum avg min max count} with {@code by}/{@code without}, arithmetic and comparisons with PromQL
 * precedence. Anything else is refused with a position, so a rule we accept is one Prometheus accepts too.
 */
public final class ExprParser {
    /** Functions and what their argument list looks like: "r" a range vector, "v" an instant vector, "s" a scalar. */
    private static final java.util.Map<String, String> FUNCTIONS = java.util.Map.of(
            "rate", "r", "increase", "r", "avg_over_time", "r", "max_over_time", "r", "min_over_time", "r",
            "histogram_quantile", "sv", "abs", "v");
    private static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "min", "max", "count");

    private final String src;
    private int pos;

    private ExprParser(String src) {
        this.src = src;
    }

    public static Expr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ParseException("expression is empty", 0);
        }
        ExprParser p = new ExprParser(text);
        Expr e = p.comparison();
        p.skipSpace();
        if (p.pos < p.src.length()) {
            throw new ParseException("unexpected '" + p.src.charAt(p.pos) + "'", p.pos);
        }
        if (e instanceof Expr.RangeSelector) {
            throw new ParseException("a range vector cannot be a rule's result; wrap it in rate(...) or *_over_time(...)", 0);
        }
        return e;
    }

    private Expr comparison() {
        Expr left = additive();
        while (true) {
            skipSpace();
            String op = peekOperator(">=", "<=", "==", "!=", ">", "<");
            if (op == null) {
                return left;
            }
            pos += op.length();
            boolean bool = acceptKeyword("bool");
            left = new Expr.Binary(op, left, additive(), bool);
        }
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (true) {
            skipSpace();
            String op = peekOperator("+", "-");
            if (op == null) {
                return left;
            }
            pos++;
            left = new Expr.Binary(op, left, multiplicative(), false);
        }
    }

    private Expr multiplicative() {
        Expr left = primary();
        while (true) {
            skipSpace();
            String op = peekOperator("*", "/", "%");
            if (op == null) {
                return left;
            }
            pos++;
            left = new Expr.Binary(op, left, primary(), false);
        }
    }

    private Expr primary() {
        skipSpace();
        if (pos >= src.length()) {
            throw new ParseException("expression ends too early", pos);
        }
        char c = src.charAt(pos);
        if (c == '(') {
            pos++;
            Expr inner = comparison();
            expect(')');
            return new Expr.Paren(inner);
        }
        if (Character.isDigit(c) || c == '.' || (c == '-' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            return number();
        }
        if (isNameStart(c)) {
            int start = pos;
            String name = metricName();
            if (AGGREGATIONS.contains(name)) {
                return aggregate(name);
            }
            skipSpace();
            if (pos < src.length() && src.charAt(pos) == '(') {
                return call(name, start);
            }
            return rangeIfAny(selector(name));
        }
        throw new ParseException("unexpected '" + c + "'", pos);
    }

    private Expr number() {
        int start = pos;
        if (src.charAt(pos) == '-') {
            pos++;
        }
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.'
                || src.charAt(pos) == 'e' || src.charAt(pos) == 'E'
                || ((src.charAt(pos) == '+' || src.charAt(pos) == '-') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')))) {
            pos++;
        }
        String text = src.substring(start, pos);
        try {
            return new Expr.Number(Double.parseDouble(text), text);
        } catch (NumberFormatException e) {
            throw new ParseException("not a number: " + text, start);
        }
    }

    private Expr aggregate(String op) {
        List<String> grouping = new ArrayList<>();
        boolean without = false;
        boolean groupedBefore = false;
        skipSpace();
        if (acceptKeyword("by") || (without = acceptKeyword("without"))) {
            grouping = labelList();
            groupedBefore = true;
        }
        expect('(');
        Expr inner = comparison();
        expect(')');
        if (!groupedBefore) {
            skipSpace();
            if (acceptKeyword("by") || (without = acceptKeyword("without"))) {
                grouping = labelList();
            }
        }
        return new Expr.Aggregate(op, grouping, without, inner);
    }

    private List<String> labelList() {
        expect('(');
        List<String> labels = new ArrayList<>();
        skipSpace();
        if (peek() == ')') {
            pos++;
            return labels;
        }
        do {
            skipSpace();
            labels.add(labelName());
            skipSpace();
        } while (accept(','));
        expect(')');
        return labels;
    }

    private Expr call(String name, int start) {
        String shape = FUNCTIONS.get(name);
        if (shape == null) {
            throw new ParseException("unsupported function " + name + "; supported: " + new java.util.TreeSet<>(FUNCTIONS.keySet())
                    + " and the aggregations " + new java.util.TreeSet<>(AGGREGATIONS), start);
        }
        expect('(');
        List<Expr> args = new ArrayList<>();
        skipSpace();
        if (peek() != ')') {
            do {
                args.add(comparison());
                skipSpace();
            } while (accept(','));
        }
        expect(')');
        if (args.size() != shape.length()) {
            throw new ParseException(name + " takes " + shape.length() + " argument(s), got " + args.size(), start);
        }
        for (int i = 0; i < args.size(); i++) {
            boolean range = args.get(i) instanceof Expr.RangeSelector;
            char want = shape.charAt(i);
            if (want == 'r' && !range) {
                throw new ParseException(name + " needs a range vector such as x[5m] as argument " + (i + 1), start);
            }
            if (want != 'r' && range) {
                throw new ParseException(name + " does not take a range vector as argument " + (i + 1), start);
            }
            if (want == 's' && !(args.get(i) instanceof Expr.Number)) {
                throw new ParseException(name + " needs a number as argument " + (i + 1), start);
            }
        }
        return new Expr.Call(name, args);
    }

    private Expr.Selector selector(String name) {
        List<Matcher> matchers = new ArrayList<>();
        skipSpace();
        if (accept('{')) {
            skipSpace();
            if (!accept('}')) {
                do {
                    skipSpace();
                    int at = pos;
                    String label = labelName();
                    skipSpace();
                    String op = peekOperator("=~", "!~", "!=", "=");
                    if (op == null) {
                        throw new ParseException("expected =, !=, =~ or !~ after label " + label, pos);
                    }
                    pos += op.length();
                    skipSpace();
                    String value = string();
                    try {
                        matchers.add(new Matcher(label, op, value));
                    } catch (java.util.regex.PatternSyntaxException e) {
                        throw new ParseException("bad regular expression for " + label + ": " + e.getDescription(), at);
                    }
                    skipSpace();
                } while (accept(',') && !peekIs('}'));
                skipSpace();
                expect('}');
            }
        }
        return new Expr.Selector(name, matchers);
    }

    private Expr rangeIfAny(Expr.Selector sel) {
        skipSpace();
        if (!accept('[')) {
            return sel;
        }
        int start = pos;
        int end = src.indexOf(']', pos);
        if (end < 0) {
            throw new ParseException("range selector is not closed with ]", start);
        }
        String text = src.substring(start, end).trim();
        long seconds;
        try {
            seconds = Durations.parseSeconds(text);
        } catch (IllegalArgumentException e) {
            throw new ParseException(e.getMessage(), start);
        }
        if (seconds <= 0) {
            throw new ParseException("range must be at least 1s", start);
        }
        pos = end + 1;
        return new Expr.RangeSelector(sel, seconds, text);
    }

    private String string() {
        char q = peek();
        if (q != '"' && q != '\'') {
            throw new ParseException("expected a quoted label value", pos);
        }
        pos++;
        StringBuilder b = new StringBuilder();
        while (pos < src.length() && src.charAt(pos) != q) {
            char c = src.charAt(pos++);
            if (c == '\\' && pos < src.length()) {
                char n = src.charAt(pos++);
                b.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
            } else {
                b.append(c);
            }
        }
        if (pos >= src.length()) {
            throw new ParseException("unterminated string", pos);
        }
        pos++;
        return b.toString();
    }

    private String metricName() {
        int start = pos;
        while (pos < src.length() && (isNameStart(src.charAt(pos)) || Character.isDigit(src.charAt(pos)))) {
            pos++;
        }
        return src.substring(start, pos);
    }

    private String labelName() {
        int start = pos;
        if (pos >= src.length() || !(Character.isLetter(src.charAt(pos)) || src.charAt(pos) == '_')) {
            throw new ParseException("expected a label name", pos);
        }
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        return src.substring(start, pos);
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private boolean acceptKeyword(String word) {
        skipSpace();
        if (src.startsWith(word, pos)) {
            int end = pos + word.length();
            if (end >= src.length() || !(Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_')) {
                pos = end;
                return true;
            }
        }
        return false;
    }

    private String peekOperator(String... ops) {
        for (String op : ops) {
            if (src.startsWith(op, pos)) {
                return op;
            }
        }
        return null;
    }

    private char peek() {
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    private boolean peekIs(char c) {
        skipSpace();
        return peek() == c;
    }

    private boolean accept(char c) {
        skipSpace();
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skipSpace();
        if (peek() != c) {
            throw new ParseException("expected '" + c + "'" + (pos < src.length() ? " but found '" + src.charAt(pos) + "'" : " but the expression ended"), pos);
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }
}
