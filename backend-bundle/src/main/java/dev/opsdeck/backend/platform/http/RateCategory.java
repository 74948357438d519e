package dev.opsdeck.backend.platform.http;

/**
 * Rate-limit families of the validator dashboard guide, with its requests-per-minute defaults.
 * {@link #NONE} is for probes that orchestrators call often (liveness/readiness).
 */
public enum RateCategory {
    STATUS(200),
    ANALYTICS(120),
    HEARTBEAT(120),
    GPU_METRICS(30),
    JOB_SUBMISSION(30),
    WEBSOCKET(10),
    DEFAULT(60),
    NONE(0);

    private final int defaultPerMinute;

    RateCategory(int defaultPerMinute) {
        this.defaultPerMinute = defaultPerMinute;
    }

    public int defaultPerMinute() {
        return defaultPerMinute;
    }
}
