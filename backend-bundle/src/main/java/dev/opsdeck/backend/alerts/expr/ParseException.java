package dev.opsdeck.backend.alerts.expr;

/** An expression that is not in the supported PromQL subset, with the character position of the problem. */
public final class ParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int position;

    public ParseException(String message, int position) {
        super(message + " at position " + position);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
