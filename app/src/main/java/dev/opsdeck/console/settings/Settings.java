package dev.opsdeck.console.settings;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;

/**
 * The user's habits, as JavaFX properties screens can bind to (reach it through {@code Session.settings()}).
 * Persisted by {@link SettingsStore} whenever one changes; change them on the UI thread only.
 */
public final class Settings {
    /** Shortest refresh interval a user may choose: below that, polling costs the backend more than it shows. */
    public static final int MIN_REFRESH_SECONDS = 1;
    public static final int MAX_REFRESH_SECONDS = 300;

    private final ObjectProperty<ThemeMode> themeMode = new SimpleObjectProperty<>(this, "themeMode", ThemeMode.LIGHT);
    private final IntegerProperty refreshSeconds = new SimpleIntegerProperty(this, "refreshSeconds", 5);
    private final ObjectProperty<TemperatureUnit> temperatureUnit = new SimpleObjectProperty<>(this, "temperatureUnit", TemperatureUnit.CELSIUS);
    private final StringProperty startupEnvironment = new SimpleStringProperty(this, "startupEnvironment", "");
    private final ObjectProperty<AlertLevel> notifyAlerts = new SimpleObjectProperty<>(this, "notifyAlerts", AlertLevel.CRITICAL);
    private final BooleanProperty notifyWorkerOffline = new SimpleBooleanProperty(this, "notifyWorkerOffline", true);
    private final BooleanProperty notifyBackupFinished = new SimpleBooleanProperty(this, "notifyBackupFinished", false);

    /** Light, dark, or the desktop's theme. */
    public ObjectProperty<ThemeMode> themeModeProperty() { return themeMode; }

    /** How often screens that poll refresh, in seconds. */
    public IntegerProperty refreshSecondsProperty() { return refreshSeconds; }
    public int getRefreshSeconds() { return refreshSeconds.get(); }

    /** The refresh interval as a duration, for {@code new Poller<>(ui, settings::refreshInterval, ...)}. */
    public java.time.Duration refreshInterval() { return java.time.Duration.ofSeconds(refreshSeconds.get()); }

    /** Unit of temperatures on screen. */
    public ObjectProperty<TemperatureUnit> temperatureUnitProperty() { return temperatureUnit; }
    public TemperatureUnit getTemperatureUnit() { return temperatureUnit.get(); }

    /** Name of the environment opened at start-up; empty for the embedded demo. */
    public StringProperty startupEnvironmentProperty() { return startupEnvironment; }

    /** Minimum severity of a newly firing alert that posts a desktop notification. */
    public ObjectProperty<AlertLevel> notifyAlertsProperty() { return notifyAlerts; }

    /** Notify when a worker goes offline. */
    public BooleanProperty notifyWorkerOfflineProperty() { return notifyWorkerOffline; }

    /** Notify when a backup completes or fails. */
    public BooleanProperty notifyBackupFinishedProperty() { return notifyBackupFinished; }

    /** Every property, to listen for any change (saving). */
    public List<Observable> all() {
        return List.of(themeMode, refreshSeconds, temperatureUnit, startupEnvironment, notifyAlerts, notifyWorkerOffline,
                notifyBackupFinished);
    }
}
