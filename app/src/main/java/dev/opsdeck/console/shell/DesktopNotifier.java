package dev.opsdeck.console.shell;

import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Desktop notifications through ControlsFX, shown in the corner of the console's window. */
public final class DesktopNotifier implements Notifier {
    private final Window owner;

    public DesktopNotifier(Window owner) {
        this.owner = owner;
    }

    @Override
    public void post(Level level, String title, String text) {
        Notifications n = Notifications.create().owner(owner).title(title).text(text).hideAfter(Duration.seconds(8));
        switch (level) {
            case ERROR -> n.showError();
            case WARNING -> n.showWarning();
            default -> n.showInformation();
        }
    }
}
