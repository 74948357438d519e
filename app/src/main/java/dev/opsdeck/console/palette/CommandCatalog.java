package dev.opsdeck.console.palette;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsdeck.console.environments.EnvironmentsViewModel;
import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.shell.MainViewModel;
import dev.opsdeck.console.shell.Screen;

import java.util.ArrayList;
import java.util.List;

/**
 * What the command palette offers: every screen, the window's actions, a switch to each environment, and (read
 * from {@code GET /api/network/workers} when the palette opens) every worker, which opens the Workers screen on that worker.
 */
public final class CommandCatalog {
    private final Resources resources;
    private final MainViewModel main;
    private final EnvironmentsViewModel environments;
    private final Runnable anywhere;
    private final java.util.function.Consumer<String> openWorker;

    /** @param openWorker opens the workers screen on one worker */
    public CommandCatalog(Resources resources, MainViewModel main, EnvironmentsViewModel environments, Runnable anywhere,
                          java.util.function.Consumer<String> openWorker) {
        this.openWorker = openWorker;
        this.resources = resources;
        this.main = main;
        this.environments = environments;
        this.anywhere = anywhere;
    }

    /** Screens, actions and environments: known without asking the backend. */
    public List<PaletteCommand> commands() {
        List<PaletteCommand> all = new ArrayList<>();
        String screenKind = resources.text("palette.kind.screen");
        for (Screen screen : Screen.values()) {
            all.add(new PaletteCommand(screenKind, resources.text("screen." + screen.id()), () -> main.select(screen)));
        }
        String action = resources.text("palette.kind.action");
        all.add(new PaletteCommand(action, "Toggle theme", main::toggleTheme));
        all.add(new PaletteCommand(action, "Anywhere: firing and offline in every environment", anywhere));
        all.add(new PaletteCommand(action, "Create backup", () -> main.select(Screen.OPERATIONS)));
        all.add(new PaletteCommand(action, "Add environment", () -> main.select(Screen.SETTINGS)));
        all.add(new PaletteCommand(action, "Notification settings", () -> main.select(Screen.SETTINGS)));
        String envKind = resources.text("palette.kind.environment");
        for (String name : environments.names()) {
            all.add(new PaletteCommand(envKind, "Switch environment: " + name, () -> environments.switchTo(name)));
        }
        return all;
    }

    /** One command per worker of a {@code /api/network/workers} answer. */
    public List<PaletteCommand> workers(JsonNode answer) {
        String kind = resources.text("palette.kind.worker");
        List<PaletteCommand> all = new ArrayList<>();
        for (JsonNode w : answer.path("items")) {
            String id = w.path("worker_id").asText("");
            if (!id.isEmpty()) {
                String host = w.path("hostname").asText("");
                all.add(new PaletteCommand(kind, id + (host.isEmpty() || host.equals(id) ? "" : " (" + host + ")")
                        + " \u2014 " + w.path("state").asText(""), () -> openWorker.accept(id)));
            }
        }
        return all;
    }
}
