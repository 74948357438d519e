package dev.opsdeck.backend.api;

/** A configuration value that stops start-up. The message is one line naming the variable and the problem. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String variable;

    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    /** The variable (or flag) at fault, e.g. {@code OPSDECK_PORT}. */
    public String variable() {
        return variable;
    }
}
