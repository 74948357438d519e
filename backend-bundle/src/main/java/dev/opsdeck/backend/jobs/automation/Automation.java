package dev.opsdeck.backend.jobs.automation;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.opsdeck.backend.platform.Metrics;
import dev.opsdeck.backend.platform.http.ApiException;
import dev.opsdeck.backend.platform.store.Database;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recurring automation on db-scheduler: each task is one row in {@code scheduled_tasks} that every coordinator
 * polls, and a coordinator runs it only after winning the row (optimistic pick on its version), so each run
 * happens once per schedule however many coordinators share the database. After a run the task reschedules
 * itself {@code interval_seconds} later, read from {@code automation_tasks} at that moment, which is what makes
 * the interval editable; {@code next_run} is the row's {@code execution_time} and can be moved by operators.
 */
public final class Automation {
    private static final Logger log = LoggerFactory.getLogger(Automation.class);
    /** The one instance id of each recurring task. */
    static final String INSTANCE = "recurring";

    private final Database db;
    private final AutomationRepository repo;
    private final Clock clock;
    private final Map<String, AutomationTask> tasks = new LinkedHashMap<>();
    private final Histogram duration;
    private final Counter runs;
    private final Scheduler scheduler;
    private final Map<String, CustomTask<Void>> schedulerTasks = new LinkedHashMap<>();

    public Automation(Database db, Metrics metrics, Clock clock, List<AutomationTask> tasks, String coordinator, Duration pollInterval) {
        this.db = db;
        this.repo = new AutomationRepository();
        this.clock = clock;
        tasks.forEach(t -> this.tasks.put(t.name(), t));
        this.duration = Histogram.builder().name("function_execution_duration_seconds")
                .help("Duration of automation function runs").labelNames("function")
                .classicUpperBounds(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300)
                .classicOnly().register(metrics.registry());
        this.runs = Counter.builder().name("automation_runs_total").help("Automation runs by function and outcome")
                .labelNames("function", "status").register(metrics.registry());
        List<CustomTask<Void>> known = new ArrayList<>();
        for (AutomationTask t : tasks) {
            CustomTask<Void> st = schedulerTask(t);
            known.add(st);
            schedulerTasks.put(t.name(), st);
        }
        // startTasks both registers the tasks and, on start, inserts each recurring row unless it exists already.
        this.scheduler = Scheduler.create(db.dataSource())
                .startTasks(known)
                .alwaysPersistTimestampInUTC()
                .schedulerName(new SchedulerName.Fixed(coordinator))
                .pollingInterval(pollInterval)
                .heartbeatInterval(Duration.ofSeconds(30))
                .threads(2)
                .shutdownMaxWait(Duration.ofSeconds(5))
                .build();
    }

    private CustomTask<Void> schedulerTask(AutomationTask t) {
        return Tasks.custom(t.name(), Void.class)
                .scheduleOnStartup(INSTANCE, null, now -> now.plus(t.defaultInterval()))
                .execute((instance, context) -> {
                    runOnce(t);
                    return (CompletionHandler<Void>) (complete, ops) -> ops.reschedule(complete, nextRunAfter(t));
                });
    }

    /** Runs the task's work (unless disabled), times it and records the outcome. */
    void runOnce(AutomationTask t) {
        Map<String, Object> s = db.jdbi().withHandle(h -> repo.settings(h, t.name()));
        if (Boolean.FALSE.equals(s.get("enabled"))) {
            return;
        }
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        String status = "ok";
        String result = null;
        String error = null;
        try {
            result = t.work().get();
        } catch (RuntimeException e) {
            status = "failed";
            error = e.toString();
            log.warn("automation {} failed: {}", t.name(), e.toString());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        duration.labelValues(t.name()).observe(seconds);
        runs.labelValues(t.name(), status).inc();
        String st = status;
        String res = result;
        String err = error;
        db.jdbi().useHandle(h -> repo.recordRun(h, t.name(), start.truncatedTo(ChronoUnit.MICROS), Math.round(seconds * 1000), st, res, err));
    }

    private Instant nextRunAfter(AutomationTask t) {
        Map<String, Object> s = db.jdbi().withHandle(h -> repo.settings(h, t.name()));
        long interval = s.get("interval_seconds") instanceof Long l ? l : t.defaultInterval().toSeconds();
        return clock.instant().plusSeconds(interval);
    }

    public void start() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        db.jdbi().useTransaction(h -> tasks.values().forEach(t -> repo.ensure(h, t.name(), t.defaultInterval().toSeconds(), now)));
        scheduler.start();
    }

    public void stop() {
        scheduler.stop();
    }

    public List<AutomationRepository.Row> list() {
        return db.jdbi().withHandle(h -> repo.all(h, INSTANCE));
    }

    public AutomationRepository.Row get(String name) {
        return db.jdbi().withHandle(h -> repo.find(h, name, INSTANCE)).orElseThrow(() -> ApiException.notFound("no automation task " + name));
    }

    /**
     * Changes a task: interval, enabled, and/or its next run. A new interval without a next run moves the next run
     * to now + interval, so the change shows at once.
     */
    public AutomationRepository.Row update(String name, Long intervalSeconds, Boolean enabled, Instant nextRun) {
        AutomationTask t = tasks.get(name);
        if (t == null) {
            throw ApiException.notFound("no automation task " + name);
        }
        db.jdbi().useHandle(h -> repo.update(h, name, intervalSeconds, enabled, clock.instant()));
        Instant when = nextRun != null ? nextRun : intervalSeconds != null ? clock.instant().plusSeconds(intervalSeconds) : null;
        if (when != null && !reschedule(name, when)) {
            throw new ApiException(409, "task_running", "automation " + name + " is running right now; change next_run after it finished",
                    Map.of("field", "next_run"));
        }
        return get(name);
    }

    private boolean reschedule(String name, Instant when) {
        try {
            return scheduler.reschedule(TaskInstanceId.of(name, INSTANCE), when);
        } catch (TaskInstanceNotFoundException e) {
            // The row is gone (deleted by hand, or the scheduler has not inserted it yet): put it back at that time.
            return scheduler.scheduleIfNotExists(schedulerTasks.get(name).instance(INSTANCE), when);
        }
    }

    public boolean known(String name) {
        return tasks.containsKey(name);
    }
}
