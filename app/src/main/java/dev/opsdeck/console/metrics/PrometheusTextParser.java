package dev.opsdeck.console.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parser for the Prometheus text exposition format 0.0.4: HELP and TYPE lines, label values with the
 * {@code \\}, {@code \"} and {@code \n} escapes, NaN and +/-Inf, optional timestamps, and the grouping of
 * {@code _bucket}/{@code _sum}/{@code _count} samples under their histogram or summary family.
 *
 * <p>No maintained Java library parses the text format (client_java only writes it), so this small parser is
 * tested against saved output of a real node exporter, a real Prometheus server and this backend.
 */
public final class PrometheusTextParser {
    private static final String[] FAMILY_SUFFIXES = {"_bucket", "_sum", "_count", "_created"};

    private PrometheusTextParser() {
    }

    /** Parses a whole exposition; families appear in the order first seen. */
    public static List<MetricFamily> parse(String text) {
        Map<String, MetricType> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                comment(line, n, types, helps, samples);
                continue;
            }
            Sample s = new LineReader(line, n).sample();
            samples.computeIfAbsent(familyOf(s.name(), types), k -> new ArrayList<>()).add(s);
        }
        List<MetricFamily> out = new ArrayList<>();
        for (var e : samples.entrySet()) {
            out.add(new MetricFamily(e.getKey(), types.getOrDefault(e.getKey(), MetricType.UNTYPED),
                    helps.getOrDefault(e.getKey(), ""), Collections.unmodifiableList(e.getValue())));
        }
        return out;
    }

    private static void comment(String line, int n, Map<String, MetricType> types, Map<String, String> helps,
                                Map<String, List<Sample>> samples) {
        String body = line.substring(1).stripLeading();
        boolean help = body.startsWith("HELP ") || body.startsWith("HELP\t");
        boolean type = body.startsWith("TYPE ") || body.startsWith("TYPE\t");
        if (!help && !type) {
            return; // an ordinary comment
        }
        String rest = body.substring(5).stripLeading();
        int sp = indexOfWhitespace(rest);
        String name = sp < 0 ? rest : rest.substring(0, sp);
        String arg = sp < 0 ? "" : rest.substring(sp).stripLeading();
        if (!validName(name)) {
            throw new ExpositionParseException(n, "invalid metric name '" + name + "'");
        }
        if (help) {
            helps.putIfAbsent(name, unescapeHelp(arg));
        } else {
            MetricType t = MetricType.parse(arg.strip());
            if (t == null) {
                throw new ExpositionParseException(n, "unknown metric type '" + arg.strip() + "'");
            }
            if (samples.containsKey(name)) {
                throw new ExpositionParseException(n, "TYPE for " + name + " comes after its samples");
            }
            types.putIfAbsent(name, t);
            samples.computeIfAbsent(name, k -> new ArrayList<>());
        }
    }

    /** The family a sample belongs to: its own name, or the histogram/summary it is a part of. */
    private static String familyOf(String sample, Map<String, MetricType> types) {
        if (types.containsKey(sample)) {
            return sample;
        }
        for (String suffix : FAMILY_SUFFIXES) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                MetricType t = types.get(base);
                if (t == MetricType.HISTOGRAM || t == MetricType.SUMMARY || (t == MetricType.COUNTER && suffix.equals("_created"))) {
                    return base;
                }
            }
        }
        return sample;
    }

    static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    /** HELP text knows two escapes, {@code \\} and {@code \n}; any other backslash stays as written. */
    private static String unescapeHelp(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == 'n' || s.charAt(i + 1) == '\\')) {
                b.append(s.charAt(++i) == 'n' ? '\n' : '\\');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Reads one sample line. */
    private static final class LineReader {
        private final String s;
        private final int line;
        private int pos;

        LineReader(String s, int line) {
            this.s = s;
            this.line = line;
        }

        Sample sample() {
            skipBlanks();
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != '{' && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
                pos++;
            }
            String name = s.substring(start, pos);
            if (!validName(name)) {
                throw fail("invalid metric name '" + name + "'");
            }
            Map<String, String> labels = Map.of();
            if (pos < s.length() && s.charAt(pos) == '{') {
                labels = labels();
            }
            skipBlanks();
            String valueToken = token();
            if (valueToken.isEmpty()) {
                throw fail("missing value for " + name);
            }
            double value = number(valueToken);
            skipBlanks();
            Long ts = null;
            String tsToken = token();
            if (!tsToken.isEmpty()) {
                try {
                    ts = Long.parseLong(tsToken);
                } catch (NumberFormatException e) {
                    throw fail("invalid timestamp '" + tsToken + "'");
                }
            }
            skipBlanks();
            if (pos < s.length()) {
                throw fail("unexpected text after the sample: '" + s.substring(pos) + "'");
            }
            return new Sample(name, labels, value, ts);
        }

        private Map<String, String> labels() {
            pos++; // '{'
            Map<String, String> labels = new LinkedHashMap<>();
            while (true) {
                skipBlanks();
                if (pos >= s.length()) {
                    throw fail("unterminated label set");
                }
                if (s.charAt(pos) == '}') {
                    pos++;
                    return Collections.unmodifiableMap(labels);
                }
                int start = pos;
                while (pos < s.length() && s.charAt(pos) != '=' && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
                    pos++;
                }
                String label = s.substring(start, pos);
                if (!validName(label) || label.contains(":")) {
                    throw fail("invalid label name '" + label + "'");
                }
                skipBlanks();
                expect('=');
                skipBlanks();
                expect('"');
                StringBuilder v = new StringBuilder();
                while (true) {
                    if (pos >= s.length()) {
                        throw fail("unterminated label value for " + label);
                    }
                    char c = s.charAt(pos++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        if (pos >= s.length()) {
                            throw fail("dangling escape in label " + label);
                        }
                        char d = s.charAt(pos++);
                        switch (d) {
                            case 'n': v.append('\n'); break;
                            case '\\': v.append('\\'); break;
                            case '"': v.append('"'); break;
                            default: v.append('\\').append(d);
                        }
                    } else {
                        v.append(c);
                    }
                }
                if (labels.put(label, v.toString()) != null) {
                    throw fail("label " + label + " appears twice");
                }
                skipBlanks();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                } else if (pos < s.length() && s.charAt(pos) != '}') {
                    throw fail("expected ',' or '}' after label " + label);
                }
            }
        }

        private double number(String t) {
            switch (t) {
                case "NaN": case "nan": return Double.NaN;
                case "+Inf": case "Inf": case "+inf": case "inf": return Double.POSITIVE_INFINITY;
                case "-Inf": case "-inf": return Double.NEGATIVE_INFINITY;
                default:
                    try {
                        return Double.parseDouble(t);
                    } catch (NumberFormatException e) {
                        throw fail("invalid value '" + t + "'");
                    }
            }
        }

        private String token() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
                pos++;
            }
            return s.substring(start, pos);
        }

        private void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw fail("expected '" + c + "'");
            }
            pos++;
        }

        private void skipBlanks() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private ExpositionParseException fail(String problem) {
            return new ExpositionParseException(line, problem);
        }
    }
}
