package dev.opsdeck.backend.api;

import java.util.Locale;

/** Runtime profile of a backend. {@code stage} and {@code prod} fail closed on weak configuration. */
public enum Profile {
    DEV, DEMO, STAGE, PROD;

    /** True for profiles that must refuse default tokens, open hosts and missing secrets. */
    public boolean strict() {
        return this == STAGE || this == PROD;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code dev|demo|stage|prod}; throws {@link IllegalArgumentException} naming the allowed values. */
    public static Profile parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "dev": case "development": return DEV;
            case "demo": return DEMO;
            case "stage": case "staging": return STAGE;
            case "prod": case "production": return PROD;
            default: throw new IllegalArgumentException("must be one of dev, demo, stage, prod (was '" + value + "')");
        }
    }
}
