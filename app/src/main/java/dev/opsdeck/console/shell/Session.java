package dev.opsdeck.console.shell;

import dev.opsdeck.console.connection.ApiClient;
import dev.opsdeck.console.connection.ApiException;
import dev.opsdeck.console.connection.ConnectionTarget;
import dev.opsdeck.console.settings.Settings;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The backend the window is connected to and what its credentials allow. Screens read the API through
 * {@link #api()} off the UI thread and bind their actions to {@link #adminProperty()}, showing
 * {@link #adminOnlyReason()} in the tooltip of a disabled action. Changes happen on the UI thread.
 */
public final class Session {
    private final Settings settings;
    private final javafx.beans.property.StringProperty requestedWorker =
            new javafx.beans.property.SimpleStringProperty(this, "requestedWorker", "");
    private final ReadOnlyObjectWrapper<ApiClient> client = new ReadOnlyObjectWrapper<>(this, "client");
    private final ReadOnlyObjectWrapper<Role> role = new ReadOnlyObjectWrapper<>(this, "role", Role.UNKNOWN);
    private final BooleanBinding admin = Bindings.createBooleanBinding(() -> role.get() == Role.ADMIN, role);
    private final StringBinding adminOnlyReason = Bindings.createStringBinding(() -> switch (role.get()) {
        case ADMIN -> "";
        case VIEWER -> "Read-only: this environment is connected with a viewer token; an admin key is needed.";
        case WORKER -> "This environment is connected with a worker token, which may only post heartbeats and metrics.";
        case UNKNOWN -> client.get() == null ? "Not connected yet." : "The role of this environment's credentials is not known yet.";
    }, role, client);

    /** A session with default settings (tests). */
    public Session() {
        this(new Settings());
    }

    /** @param settings the user's settings, shared by every screen of the window */
    public Session(Settings settings) {
        this.settings = settings;
    }

    /** The user's settings (refresh interval, units, theme, notifications) as bindable properties. */
    public Settings settings() {
        return settings;
    }

    /**
     * A worker someone asked to see from outside the workers screen (the command palette): the screen selects it
     * and clears the request.
     */
    public javafx.beans.property.StringProperty requestedWorkerProperty() {
        return requestedWorker;
    }

    /** Connected to {@code api}; the role is what the credentials imply until the backend says otherwise. */
    public void connected(ApiClient api) {
        client.set(api);
        role.set(impliedRole(api.target()));
    }

    /** The backend reported the role of the credentials (e.g. after a 403 or a whoami call). */
    public void role(Role now) {
        role.set(now);
    }

    /** The current client; throws a plain-words error before a backend is known. Any thread. */
    public ApiClient api() throws ApiException {
        ApiClient c = client.get();
        if (c == null) {
            throw new ApiException(0, "not connected to a backend yet", "");
        }
        return c;
    }

    /** Changes when the window connects to a (new) backend: screens reload then. */
    public ReadOnlyObjectProperty<ApiClient> clientProperty() { return client.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<Role> roleProperty() { return role.getReadOnlyProperty(); }
    public Role getRole() { return role.get(); }

    /** True when admin actions are allowed. */
    public BooleanBinding adminProperty() { return admin; }

    /** Why admin actions are disabled, in words for a tooltip; empty when they are allowed. */
    public StringBinding adminOnlyReason() { return adminOnlyReason; }

    static Role impliedRole(ConnectionTarget target) {
        if (target.adminKey().isPresent()) {
            return Role.ADMIN;
        }
        // A bearer token may be admin, viewer or worker: only the backend knows which.
        return target.bearerToken().isPresent() ? Role.UNKNOWN : Role.VIEWER;
    }
}
