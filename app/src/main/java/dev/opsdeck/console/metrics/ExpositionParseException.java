package dev.opsdeck.console.metrics;

/** A line that is not valid Prometheus text format; the message names the line number and the problem. */
public final class ExpositionParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;

    public ExpositionParseException(int line, String problem) {
        super("line " + line + ": " + problem);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
