package dev.opsdeck.console.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.connection.ApiClient;
import dev.opsdeck.console.fx.Cancellable;
import dev.opsdeck.console.fx.UiExecutor;

import java.util.Locale;

/**
 * Asks the backend ({@code GET /api/auth/whoami}) what the session's credentials are and sets the session's role,
 * so admin actions are disabled with a reason before the user meets a 403. A backend without the route (older
 * build) or a failed call leaves the role the credentials implied.
 */
public final class RoleProbe {
    /** The backend's answer about the presented credentials. */
    public static final String PATH = "/api/auth/whoami";

    private final UiExecutor ui;
    private final Session session;
    private Cancellable inFlight = Cancellable.NONE;

    public RoleProbe(UiExecutor ui, Session session) {
        this.ui = ui;
        this.session = session;
    }

    /** Probes the current client off the UI thread; an answer for a client since replaced is dropped. UI thread. */
    public void probe() {
        ApiClient client = session.clientProperty().get();
        if (client == null) {
            return;
        }
        inFlight.cancel();
        inFlight = ui.submit(() -> client.get(PATH), answer -> {
            if (session.clientProperty().get() == client) {
                session.role(role(answer));
            }
        }, error -> {
            // Keep the implied role: every call still explains a 401/403 in words.
        });
    }

    /** Maps the backend's answer to what the console may offer. */
    static Role role(JsonNode whoami) {
        return switch (whoami.path("role").asText("").toLowerCase(Locale.ROOT)) {
            case "admin" -> Role.ADMIN;
            case "viewer" -> Role.VIEWER;
            case "worker" -> Role.WORKER;
            // No (accepted) credentials: the dashboards are readable only when the backend makes them public.
            case "anonymous" -> whoami.path("dashboards_public").asBoolean(false) ? Role.VIEWER : Role.UNKNOWN;
            default -> Role.UNKNOWN;
        };
    }
}
