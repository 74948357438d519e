package dev.opsdeck.backend.alerts.expr;

/** An expression that parsed but cannot be evaluated on the data at hand (e.g. duplicate series in a match). */
public final class EvaluationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EvaluationException(String message) {
        super(message);
    }
}
