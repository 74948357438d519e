package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for worker ingest. Request threads enqueue and wait on a future; one writer thread takes whatever
 * has queued up (up to {@code ingestBatchRows} rows), writes it in one short transaction and only then completes
 * the futures. Under load many requests share one commit - with H2 at WRITE_DELAY=0 a commit is an fsync, so this
 * is what makes "200 means committed" affordable - and when idle a lone request commits at once (no timer).
 * If a batch fails, each request is retried in its own transaction so one bad row cannot fail its neighbours.
 * The answers are written by a separate reply thread: completing a request's future runs Javalin's response
 * writing on the completing thread, which took a quarter of the writer's time when the writer did it itself
 * (JFR, 10,000 workers on H2), time in which no batch was being committed.
 * On H2 the writer also saves the in-memory {@code worker_gpus} to {@code worker_gpus_saved}: every
 * {@code latestSaveEvery} it takes the GPUs updated since the last save and writes them in chunks between batches,
 * so that no batch waits behind one long transaction; the last chunk records which history rows the save covers.
 */
final class IngestWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestWriter.class);

    /** Called on the writer thread after a batch committed and the cache holds it. Must not block. */
    interface Listener {
        void committed(List<IngestResults.Heartbeat> heartbeats, List<Rows.Sample> samples, List<Rows.ErrorEvent> errors);
    }

    private sealed interface Op permits HeartbeatOp, MetricsOp {
        int rows();

        CompletableFuture<?> done();
    }

    private record HeartbeatOp(HeartbeatRequest request, Instant at, CompletableFuture<IngestResults.Heartbeat> done) implements Op {
        public int rows() {
            return 1;
        }
    }

    private record MetricsOp(String workerId, Instant at, List<GpuMetricsRequest.Sample> gpus,
                             CompletableFuture<IngestResults.Metrics> done) implements Op {
        public int rows() {
            return gpus.size();
        }
    }

    private final WorkerRepository repo;
    private final FleetCache cache;
    private final WorkerSettings settings;
    private final Listener listener;
    private final BlockingQueue<Op> queue;
    private final Thread thread;
    private final ExecutorService replies = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "opsdeck-ingest-reply");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;
    private final boolean saveLatest;
    private volatile long batches;
    private volatile long batchedRows;
    /** H2: the newest sample per GPU committed since the last save started (writer thread only). */
    private Map<String, Rows.Sample> unsaved = new HashMap<>();
    /** H2: the save under way (rows not yet written), or null. */
    private List<Rows.Sample> saving;
    private long savingCovers;
    private long lastSaveStarted = System.nanoTime();

    IngestWriter(WorkerRepository repo, FleetCache cache, WorkerSettings settings, Listener listener) {
        this.repo = repo;
        this.cache = cache;
        this.settings = settings;
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(settings.ingestQueue());
        this.saveLatest = repo != null && repo.savesLatestSeparately();
        this.thread = new Thread(this::loop, "opsdeck-ingest-writer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    CompletableFuture<IngestResults.Heartbeat> heartbeat(HeartbeatRequest request, Instant at) {
        CompletableFuture<IngestResults.Heartbeat> f = new CompletableFuture<>();
        offer(new HeartbeatOp(request, at, f));
        return f;
    }

    CompletableFuture<IngestResults.Metrics> metrics(String workerId, Instant at, List<GpuMetricsRequest.Sample> gpus) {
        CompletableFuture<IngestResults.Metrics> f = new CompletableFuture<>();
        offer(new MetricsOp(workerId, at, gpus, f));
        return f;
    }

    private void offer(Op op) {
        if (!running) {
            op.done().completeExceptionally(new ApiException(503, "shutting_down", "ingest is stopping; retry shortly"));
        } else if (!queue.offer(op)) {
            // Refuse rather than queue without bound: the client retries with backoff, memory stays flat.
            op.done().completeExceptionally(new ApiException(503, "ingest_overloaded",
                    "the ingest queue is full (" + settings.ingestQueue() + " requests); retry with backoff", Map.of("retry_after_seconds", 1)));
        }
    }

    /** Requests waiting for the writer. */
    int queued() {
        return queue.size();
    }

    /** Average rows per committed batch so far (how much group commit is saving). */
    double averageBatchRows() {
        long b = batches;
        return b == 0 ? 0 : (double) batchedRows / b;
    }

    private void loop() {
        List<Op> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Op first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    saveLatestStep(false);
                    continue;
                }
                batch.add(first);
                int rows = first.rows();
                Op next;
                while (rows < settings.ingestBatchRows() && (next = queue.poll()) != null) {
                    batch.add(next);
                    rows += next.rows();
                }
                write(batch);
                saveLatestStep(false);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                log.error("ingest writer failed on a batch of {}", batch.size(), e);
                fail(batch, e);
            } finally {
                batch.clear();
            }
        }
        Op left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new ApiException(503, "shutting_down", "ingest is stopping; retry shortly"));
        }
        // A clean stop saves everything, so the next start has no history to replay.
        while (saveLatestStep(true)) {
            // next chunk
        }
    }

    private static final int SAVE_CHUNK_ROWS = 2_000;

    /**
     * H2: starts a save of the GPUs updated since the last one when it is due (or {@code now}), and writes one chunk
     * of the save under way. Returns whether more remains to write.
     */
    private boolean saveLatestStep(boolean now) {
        if (!saveLatest || (saving == null && (unsaved.isEmpty()
                || (!now && System.nanoTime() - lastSaveStarted < settings.latestSaveEvery().toNanos())))) {
            return false;
        }
        try {
            if (saving == null) {
                // Only this thread writes history, and it is between batches: every row up to here is in unsaved or saved.
                savingCovers = repo.inTransaction(repo::maxRawId);
                saving = new ArrayList<>(unsaved.values());
                unsaved = new HashMap<>();
                lastSaveStarted = System.nanoTime();
            }
            int n = Math.min(SAVE_CHUNK_ROWS, saving.size());
            List<Rows.Sample> chunk = saving.subList(saving.size() - n, saving.size());
            boolean last = n == saving.size();
            repo.inTransaction(c -> {
                repo.saveLatest(c, chunk);
                if (last) {
                    repo.markLatestSaved(c, savingCovers, Instant.now());
                }
                return null;
            });
            chunk.clear();
            if (saving.isEmpty()) {
                saving = null;
                return false;
            }
            return true;
        } catch (RuntimeException e) {
            // The mark did not move, so a restart would still replay these from history; try again at the next save.
            log.warn("saving the newest GPU samples failed (will retry at the next save): {}", e.toString());
            lastSaveStarted = System.nanoTime();
            if (saving != null) {
                saving.forEach(this::keepNewest);
                saving = null;
            }
            return false;
        }
    }

    private void keepNewest(Rows.Sample row) {
        unsaved.merge(row.gpuKey(), row, Rows.Sample::newer);
    }

    private void write(List<Op> batch) {
        try {
            commit(batch);
        } catch (SQLException | RuntimeException e) {
            if (batch.size() == 1) {
                log.warn("ingest write failed: {}", e.toString());
                fail(batch, e);
                return;
            }
            log.warn("ingest batch of {} failed ({}); retrying each request alone", batch.size(), e.toString());
            for (Op op : batch) {
                try {
                    commit(List.of(op));
                } catch (SQLException | RuntimeException single) {
                    log.warn("ingest write failed: {}", single.toString());
                    fail(List.of(op), single);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void commit(List<Op> ops) throws SQLException {
        BatchPlan plan = new BatchPlan(cache, settings);
        List<Object> results = new ArrayList<>(ops.size());
        List<IngestResults.Heartbeat> beats = new ArrayList<>();
        for (Op op : ops) {
            if (op instanceof HeartbeatOp h) {
                IngestResults.Heartbeat r = plan.heartbeat(h.request(), h.at());
                results.add(r);
                beats.add(r);
            } else {
                MetricsOp m = (MetricsOp) op;
                results.add(plan.metrics(m.workerId(), m.at(), m.gpus()));
            }
        }
        try (Connection c = repo.database().dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                repo.writeWorkers(c, plan.workers);
                repo.insertHeartbeats(c, plan.heartbeats);
                repo.addCoverage(c, plan.coverageRows());
                repo.insertSamples(c, plan.samples);
                repo.upsertLatest(c, plan.latestRows());
                repo.insertErrorEvents(c, plan.errors);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        // Committed: the cache may show it now, and only now may the clients hear 200.
        plan.overlay.values().forEach(cache::put);
        if (saveLatest) {
            plan.latestRows().forEach(this::keepNewest);
        }
        batches++;
        batchedRows += plan.rows();
        List<Op> answered = List.copyOf(ops);
        replies.execute(() -> {
            for (int i = 0; i < answered.size(); i++) {
                ((CompletableFuture<Object>) answered.get(i).done()).complete(results.get(i));
            }
        });
        try {
            listener.committed(beats, plan.samples, plan.errors);
        } catch (RuntimeException e) {
            log.warn("ingest listener failed: {}", e.toString());
        }
    }

    private static void fail(List<Op> ops, Exception cause) {
        for (Op op : ops) {
            op.done().completeExceptionally(new ApiException(503, "storage_unavailable",
                    "the sample could not be stored (" + cause.getClass().getSimpleName() + "); nothing was written, retry"));
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
            replies.shutdown();
            replies.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
