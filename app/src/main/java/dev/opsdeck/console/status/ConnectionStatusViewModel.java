package dev.opsdeck.console.status;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;
import java.time.Instant;

/**
 * State of the link to the backend as the status bar shows it: environment, state, latency, and why it is
 * not connected. Changed only on the UI thread (by {@link HealthPoller} callbacks and the session).
 */
public final class ConnectionStatusViewModel {
    private final ReconnectPolicy policy;
    private final ReadOnlyStringWrapper environmentName = new ReadOnlyStringWrapper(this, "environmentName", "");
    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(this, "state", ConnectionState.CONNECTING);
    private final ReadOnlyObjectWrapper<Long> latencyMillis = new ReadOnlyObjectWrapper<>(this, "latencyMillis");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyIntegerWrapper consecutiveFailures = new ReadOnlyIntegerWrapper(this, "consecutiveFailures");
    private final ReadOnlyObjectWrapper<ConnectionState> liveState = new ReadOnlyObjectWrapper<>(this, "liveState", ConnectionState.CONNECTING);
    private final ReadOnlyObjectWrapper<Instant> liveNextAttempt = new ReadOnlyObjectWrapper<>(this, "liveNextAttempt");
    private final ReadOnlyStringWrapper liveReason = new ReadOnlyStringWrapper(this, "liveReason", "");
    private int liveFailures;

    public ConnectionStatusViewModel(ReconnectPolicy policy) {
        this.policy = policy;
    }

    /** Shown while no backend is known yet (e.g. the embedded one is starting), with what is happening. */
    public void connecting(String environment, String what) {
        environmentName.set(environment);
        state.set(ConnectionState.CONNECTING);
        latencyMillis.set(null);
        message.set(what);
        consecutiveFailures.set(0);
    }

    /** A probe answered in {@code millis}; returns the delay before the next probe. */
    public Duration recordSuccess(long millis) {
        latencyMillis.set(millis);
        message.set("");
        consecutiveFailures.set(0);
        state.set(ConnectionState.CONNECTED);
        return policy.delayAfter(0);
    }

    /** A probe failed for {@code reason} (words); returns the backoff delay before the next probe. */
    public Duration recordFailure(String reason) {
        consecutiveFailures.set(consecutiveFailures.get() + 1);
        latencyMillis.set(null);
        message.set(reason);
        if (consecutiveFailures.get() >= policy.failuresBeforeOffline()) {
            state.set(ConnectionState.OFFLINE);
        } else if (state.get() == ConnectionState.CONNECTED) {
            state.set(ConnectionState.RECONNECTING);
        }
        // CONNECTING and RECONNECTING keep their state until the failure budget is spent.
        return policy.delayAfter(consecutiveFailures.get());
    }

    /** Nothing will be retried (e.g. the embedded backend could not start): offline with the reason. */
    public void failedForGood(String reason) {
        // Reason before state: a listener reacting to OFFLINE must read the reason, not the previous message.
        latencyMillis.set(null);
        message.set(reason);
        state.set(ConnectionState.OFFLINE);
    }

    /** The live feed (WebSocket) is being opened to a new backend. */
    public void liveConnecting() {
        liveFailures = 0;
        liveNextAttempt.set(null);
        liveReason.set("");
        liveState.set(ConnectionState.CONNECTING);
    }

    /**
     * The live feed opened ({@code live}) or closed; when closed, {@code nextAttemptMs} (epoch ms) is the next try.
     * A few failed attempts read as reconnecting, more as offline (still retrying in the background).
     */
    public void liveFeed(boolean live, long nextAttemptMs, String reason) {
        if (live) {
            liveFailures = 0;
            liveNextAttempt.set(null);
            liveReason.set("");
            liveState.set(ConnectionState.CONNECTED);
            return;
        }
        liveFailures++;
        liveNextAttempt.set(nextAttemptMs > 0 ? Instant.ofEpochMilli(nextAttemptMs) : null);
        liveReason.set(reason == null ? "" : reason);
        liveState.set(liveFailures > policy.failuresBeforeOffline() ? ConnectionState.OFFLINE : ConnectionState.RECONNECTING);
    }

    /** State of the live event feed: connecting, connected ("live"), reconnecting or offline. */
    public ReadOnlyObjectProperty<ConnectionState> liveStateProperty() { return liveState.getReadOnlyProperty(); }
    public ConnectionState getLiveState() { return liveState.get(); }

    /** When the live feed tries again; {@code null} while live or connecting. */
    public ReadOnlyObjectProperty<Instant> liveNextAttemptProperty() { return liveNextAttempt.getReadOnlyProperty(); }

    /** Why the live feed closed, in the socket library's words; empty while live. */
    public ReadOnlyStringProperty liveReasonProperty() { return liveReason.getReadOnlyProperty(); }

    /** Environment name, e.g. "Embedded demo" or the backend's host. */
    public ReadOnlyStringProperty environmentNameProperty() { return environmentName.getReadOnlyProperty(); }
    public String getEnvironmentName() { return environmentName.get(); }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() { return state.getReadOnlyProperty(); }
    public ConnectionState getState() { return state.get(); }

    /** Round trip of the last successful probe in ms; {@code null} while unknown or not connected. */
    public ReadOnlyObjectProperty<Long> latencyMillisProperty() { return latencyMillis.getReadOnlyProperty(); }
    public Long getLatencyMillis() { return latencyMillis.get(); }

    /** Why the state is not "connected", or what is under way; empty when connected. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public String getMessage() { return message.get(); }

    public ReadOnlyIntegerProperty consecutiveFailuresProperty() { return consecutiveFailures.getReadOnlyProperty(); }
    public int getConsecutiveFailures() { return consecutiveFailures.get(); }
}
