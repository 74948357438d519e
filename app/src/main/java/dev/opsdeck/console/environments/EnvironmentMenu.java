package dev.opsdeck.console.environments;

import dev.opsdeck.console.fx.Resources;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The Environment menu: every environment (the current one checked; Ctrl+Alt+1..9), "Anywhere…" (Ctrl+Shift+A) and
 * "Manage environments…". Rebuilt when profiles are added or removed.
 */
public final class EnvironmentMenu {
    private final EnvironmentsViewModel environments;
    private final Resources resources;
    private final Runnable anywhere;
    private final Runnable manage;
    private final Menu menu;

    public EnvironmentMenu(EnvironmentsViewModel environments, Resources resources, Runnable anywhere, Runnable manage) {
        this.environments = environments;
        this.resources = resources;
        this.anywhere = anywhere;
        this.manage = manage;
        this.menu = new Menu(resources.text("menu.environment"));
        menu.setId("environmentMenu");
        environments.profiles().addListener((ListChangeListener<Object>) c -> rebuild());
        environments.currentProperty().addListener((obs, old, now) -> rebuild());
        rebuild();
    }

    public Menu menu() {
        return menu;
    }

    private void rebuild() {
        ToggleGroup group = new ToggleGroup();
        menu.getItems().clear();
        int digit = 1;
        for (String name : environments.names()) {
            RadioMenuItem item = new RadioMenuItem(name);
            item.setMnemonicParsing(false);
            item.setToggleGroup(group);
            item.setSelected(name.equals(environments.getCurrent()));
            if (digit <= 9) {
                item.setAccelerator(new KeyCodeCombination(KeyCode.getKeyCode(Integer.toString(digit)),
                        KeyCombination.SHORTCUT_DOWN, KeyCombination.ALT_DOWN));
            }
            digit++;
            item.setOnAction(e -> environments.switchTo(name));
            menu.getItems().add(item);
        }
        MenuItem all = new MenuItem(resources.text("menu.environment.anywhere"));
        all.setAccelerator(new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        all.setOnAction(e -> anywhere.run());
        MenuItem manageItem = new MenuItem(resources.text("menu.environment.manage"));
        manageItem.setOnAction(e -> manage.run());
        menu.getItems().addAll(new SeparatorMenuItem(), all, manageItem);
    }
}
