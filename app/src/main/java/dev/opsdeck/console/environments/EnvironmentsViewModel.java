package dev.opsdeck.console.environments;

import dev.opsdeck.console.fx.UiExecutor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Saved environments and the "add environment" form: a new profile is saved only after a connection test
 * succeeds, and a failed test says in words what failed. Changes on the UI thread; disk and network off it.
 */
public final class EnvironmentsViewModel {
    private final UiExecutor ui;
    private final ProfileStore store;
    private final ConnectionTester tester;
    private final String embeddedName;
    private final ObservableList<EnvironmentProfile> profiles = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper(this, "current", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(this, "testing");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty url = new SimpleStringProperty(this, "url", "");
    private final StringProperty adminKey = new SimpleStringProperty(this, "adminKey", "");
    private final StringProperty viewerToken = new SimpleStringProperty(this, "viewerToken", "");
    private final StringProperty colour = new SimpleStringProperty(this, "colour", "#0969da");
    private final BooleanProperty production = new SimpleBooleanProperty(this, "production");
    private Consumer<String> switcher = n -> { };
    private String commandLine = "";

    public EnvironmentsViewModel(UiExecutor ui, ProfileStore store, ConnectionTester tester, String embeddedName) {
        this.ui = ui;
        this.store = store;
        this.tester = tester;
        this.embeddedName = embeddedName;
    }

    /** Who switches the window when the user picks an environment (the console). */
    public void onSwitch(Consumer<String> switcher) {
        this.switcher = switcher;
    }

    /**
     * Reads the saved profiles. Blocking, but only at start-up before the window shows: the start-up environment
     * must be known before the first connection, and the file is a few hundred bytes. A failure is shown in words.
     */
    public void loadAtStartup() {
        try {
            profiles.setAll(store.load());
        } catch (java.io.IOException | RuntimeException e) {
            report(true, "Saved environments could not be read from " + store.file() + ": " + e.getMessage());
        }
    }

    /**
     * The backend given with {@code --connect}: listed second (not saved), so the user can switch away and back.
     */
    public void commandLineEnvironment(String environment) {
        commandLine = environment;
    }

    /** Every environment name in menu order: the embedded demo first, then a {@code --connect} one, then profiles. */
    public List<String> names() {
        List<String> all = new ArrayList<>(List.of(embeddedName));
        if (!commandLine.isEmpty() && profile(commandLine).isEmpty()) {
            all.add(commandLine);
        }
        profiles.forEach(p -> all.add(p.name()));
        return all;
    }

    public Optional<EnvironmentProfile> profile(String profileName) {
        return profiles.stream().filter(p -> p.name().equals(profileName)).findFirst();
    }

    /** Switches the window to the environment called {@code environment} (the embedded demo or a profile). */
    public void switchTo(String environment) {
        switcher.accept(environment);
    }

    /** The window now shows {@code environment}. */
    public void current(String environment) {
        current.set(environment);
    }

    /** Tests the form's connection; on success saves the profile and clears the form. */
    public void testAndSave() {
        String n = name.get().strip();
        Optional<URI> base = parseUrl(url.get());
        if (n.isEmpty()) {
            report(true, "Give the environment a name.");
            return;
        }
        if (names().contains(n)) {
            report(true, "An environment called '" + n + "' exists already.");
            return;
        }
        if (base.isEmpty()) {
            report(true, "The URL must be http(s)://host[:port], e.g. https://opsdeck.example.com.");
            return;
        }
        EnvironmentProfile p = new EnvironmentProfile(n, base.get(), optional(adminKey.get()), optional(viewerToken.get()),
                colour.get(), production.get());
        testing.set(true);
        report(false, "Testing the connection to " + p.baseUrl() + "\u2026");
        ui.submit(() -> tester.test(p), summary -> save(p, summary), error -> {
            testing.set(false);
            report(true, "Not saved: " + error.getMessage());
        });
    }

    private void save(EnvironmentProfile p, String summary) {
        List<EnvironmentProfile> next = new ArrayList<>(profiles);
        next.add(p);
        ui.submit(() -> {
            store.save(next);
            return Boolean.TRUE;
        }, ok -> {
            testing.set(false);
            profiles.setAll(next);
            clearForm();
            report(false, "Saved '" + p.name() + "': " + summary + ".");
        }, error -> {
            testing.set(false);
            report(true, "The connection works (" + summary + ") but saving failed: " + error.getMessage());
        });
    }

    /** Removes a saved profile (the embedded demo cannot be removed). */
    public void remove(String profileName) {
        List<EnvironmentProfile> next = new ArrayList<>(profiles);
        if (!next.removeIf(p -> p.name().equals(profileName))) {
            return;
        }
        ui.submit(() -> {
            store.save(next);
            return Boolean.TRUE;
        }, ok -> {
            profiles.setAll(next);
            report(false, "Removed '" + profileName + "'.");
        }, error -> report(true, "Removing failed: " + error.getMessage()));
    }

    private void clearForm() {
        name.set("");
        url.set("");
        adminKey.set("");
        viewerToken.set("");
        production.set(false);
    }

    private void report(boolean isError, String text) {
        failed.set(isError);
        message.set(text);
    }

    private static Optional<String> optional(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }

    static Optional<URI> parseUrl(String text) {
        try {
            URI uri = new URI(text == null ? "" : text.strip().replaceAll("/+$", ""));
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Saved profiles (without the embedded demo), in order. */
    public ObservableList<EnvironmentProfile> profiles() { return profiles; }

    /** Name of the environment the window shows. */
    public ReadOnlyStringProperty currentProperty() { return current.getReadOnlyProperty(); }
    public String getCurrent() { return current.get(); }

    public String embeddedName() { return embeddedName; }

    /** Outcome of the last test, save or removal, in words. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** True when {@link #messageProperty()} reports a failure. */
    public ReadOnlyBooleanProperty failedProperty() { return failed.getReadOnlyProperty(); }

    /** A connection test is running (the button is disabled meanwhile). */
    public ReadOnlyBooleanProperty testingProperty() { return testing.getReadOnlyProperty(); }

    public StringProperty nameProperty() { return name; }
    public StringProperty urlProperty() { return url; }
    public StringProperty adminKeyProperty() { return adminKey; }
    public StringProperty viewerTokenProperty() { return viewerToken; }
    public StringProperty colourProperty() { return colour; }
    public BooleanProperty productionProperty() { return production; }
}
