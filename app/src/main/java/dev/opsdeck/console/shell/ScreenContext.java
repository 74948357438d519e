package dev.opsdeck.console.shell;

import dev.opsdeck.console.fx.Resources;
import dev.opsdeck.console.fx.UiExecutor;
import dev.opsdeck.console.live.LiveEvents;

import java.time.Clock;

/**
 * What every screen gets from the window: the executor for leaving the UI thread, strings and views, a clock
 * (fake in tests), the session (API client and role), the live event feed and desktop notifications.
 */
public record ScreenContext(UiExecutor ui, Resources resources, Clock clock, Session session, LiveEvents live,
                            Notifier notifier) {
}
