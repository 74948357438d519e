package dev.opsdeck.console.shell;

import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.theme.Theme;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Controller of MainWindow.fxml: navigation, page area and menus. Pages are built once, on first visit,
 * by the factory it is given, so it knows nothing about what a page contains.
 */
public final class MainWindow {
    private final MainViewModel viewModel;
    private final Resources resources;
    private final Function<Screen, Page> pageFactory;
    private final Runnable quit;
    private final Map<Screen, Page> pages = new EnumMap<>(Screen.class);
    private Page visible;
    private final Map<Screen, ToggleButton> navButtons = new EnumMap<>(Screen.class);
    private final ToggleGroup navGroup = new ToggleGroup();

    @FXML private BorderPane root;
    @FXML private VBox navigation;
    @FXML private Label environmentName;
    @FXML private Label environmentCaption;
    @FXML private StackPane page;
    @FXML private CheckMenuItem darkThemeItem;
    @FXML private Menu goToMenu;
    @FXML private MenuBar menuBar;
    @FXML private Menu viewMenu;

    public MainWindow(MainViewModel viewModel, Resources resources, Function<Screen, Page> pageFactory, Runnable quit) {
        this.viewModel = viewModel;
        this.resources = resources;
        this.pageFactory = pageFactory;
        this.quit = quit;
    }

    public BorderPane load() {
        return resources.loadView("MainWindow.fxml", this);
    }

    @FXML
    private void initialize() {
        environmentName.textProperty().bind(viewModel.environmentNameProperty());
        environmentCaption.textProperty().bind(viewModel.environmentCaptionProperty());
        for (Screen screen : Screen.values()) {
            addNavigation(screen);
        }
        viewModel.selectedScreenProperty().addListener((obs, old, now) -> show(now));
        show(viewModel.getSelectedScreen());

        darkThemeItem.setSelected(viewModel.getTheme() == Theme.DARK);
        viewModel.themeProperty().addListener((obs, old, now) -> darkThemeItem.setSelected(now == Theme.DARK));
        viewModel.productionProperty().addListener((obs, old, now) -> production(now));
        production(viewModel.isProduction());
    }

    private void addNavigation(Screen screen) {
        String name = resources.text("screen." + screen.id());
        KeyCombination shortcut = new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(screen.shortcut())),
                KeyCombination.SHORTCUT_DOWN);

        Label shortcutLabel = new Label(shortcut.getDisplayText());
        shortcutLabel.getStyleClass().add("shortcut");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox content = new HBox(new Label(name), gap, shortcutLabel);
        content.setMouseTransparent(true);

        ToggleButton button = new ToggleButton(name, content);
        button.setId("nav-" + screen.id());
        button.getStyleClass().setAll("nav-item");
        button.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        button.setMaxWidth(Double.MAX_VALUE);
        button.setToggleGroup(navGroup);
        button.setTooltip(new Tooltip(name + " (" + shortcut.getDisplayText() + ")"));
        // A selected toggle clicked again would deselect itself; keep exactly one screen selected.
        button.setOnAction(e -> {
            button.setSelected(true);
            viewModel.select(screen);
        });
        navButtons.put(screen, button);
        navigation.getChildren().add(button);

        // Menu accelerators are scene-wide, so Ctrl+1..9 work wherever the focus is.
        MenuItem item = new MenuItem(name);
        item.setAccelerator(shortcut);
        item.setOnAction(e -> viewModel.select(screen));
        goToMenu.getItems().add(item);
    }

    /**
     * Shows {@code count} as a small badge on {@code screen}'s navigation item (e.g. the number of firing alerts);
     * an empty value hides it. The count also goes into the item's tooltip for screen readers.
     */
    public void badge(Screen screen, ObservableValue<String> count) {
        ToggleButton button = navButtons.get(screen);
        Label badge = new Label();
        badge.setId("badge-" + screen.id());
        badge.getStyleClass().add("nav-badge");
        badge.textProperty().bind(count);
        badge.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> count.getValue() != null && !count.getValue().isEmpty(), count));
        badge.managedProperty().bind(badge.visibleProperty());
        // Content is [name, gap, shortcut]: the badge sits right after the name.
        ((HBox) button.getGraphic()).getChildren().add(1, badge);
    }

    private void show(Screen screen) {
        navButtons.get(screen).setSelected(true);
        Page next = pages.computeIfAbsent(screen, pageFactory);
        if (visible != null && visible != next) {
            visible.hidden();
        }
        page.getChildren().setAll(next.node());
        if (visible != next) {
            visible = next;
            next.shown();
        }
    }

    /** The menu bar, for menus the window's composer adds (e.g. environments). */
    public MenuBar menuBar() {
        return menuBar;
    }

    /** The View menu, for view-wide items the composer adds (e.g. the command palette). */
    public Menu viewMenu() {
        return viewMenu;
    }

    /** The visible page is shown again, e.g. after connecting to another backend: it reloads. */
    public void reshow() {
        if (visible != null) {
            visible.hidden();
            visible.shown();
        }
    }

    /** Hides the visible page (window closing): pages stop polling. */
    public void hideAll() {
        if (visible != null) {
            visible.hidden();
        }
    }

    private void production(boolean on) {
        if (on) {
            if (!root.getStyleClass().contains("production")) {
                root.getStyleClass().add("production");
            }
        } else {
            root.getStyleClass().remove("production");
        }
    }

    @FXML
    private void toggleTheme() {
        viewModel.toggleTheme();
    }

    @FXML
    private void quit() {
        quit.run();
    }
}
