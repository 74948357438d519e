package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
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
 *
 * <p>{@code worker_gpus} (the newest sample per GPU, a view derived from {@code gpu_metrics_history}) is written
 * either inside each batch's transaction ({@code latestEvery} zero: PostgreSQL, where coordinators may share the
 * database) or by this thread at most {@code latestEvery} later (H2, whose file one coordinator owns). On H2 every
 * one of those upserts rewrote a whole B-tree page at a random place in each commit: about a third of the writer's
 * time. Deferred, a GPU that reports many times between two flushes is written once. Nothing is lost: the raw sample
 * is committed before the 200, every read of {@code worker_gpus} first asks for a flush (read-your-writes), and the
 * flush records the last raw id it covers, so a restart after a crash carries later samples over.
 */
final class IngestWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestWriter.class);

    /** Called on the writer thread after a batch committed and the cache holds it. Must not block. */
    interface Listener {
        void committed(List<IngestResults.Heartbeat> heartbeats, List<Rows.Sample> samples, List<Rows.ErrorEvent> errors);
    }

    private sealed interface Op permits HeartbeatOp, MetricsOp, FlushOp {
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

    /** A reader wants {@code worker_gpus} up to date before it reads. */
    private record FlushOp(CompletableFuture<Void> done) implements Op {
        public int rows() {
            return 0;
        }
    }

    private static final long FLUSH_WAIT_SECONDS = 5;

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
    private final Duration latestEvery;
    /** Newest sample per GPU not yet in {@code worker_gpus}; touched by the writer thread only. */
    private final Map<String, Rows.Sample> pendingLatest = new HashMap<>();
    private volatile boolean latestPending;
    private long lastLatestFlush = System.nanoTime();
    private volatile boolean running = true;
    private volatile long batches;
    private volatile long batchedRows;

    IngestWriter(WorkerRepository repo, FleetCache cache, WorkerSettings settings, Listener listener) {
        this(repo, cache, settings, Duration.ZERO, listener);
    }

    /** @param latestEvery how long {@code worker_gpus} may lag the committed samples when nobody reads it; zero writes it in each batch */
    IngestWriter(WorkerRepository repo, FleetCache cache, WorkerSettings settings, Duration latestEvery, Listener listener) {
        this.repo = repo;
        this.latestEvery = latestEvery;
        this.cache = cache;
        this.settings = settings;
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(settings.ingestQueue());
        this.thread = new Thread(this::loop, "opsdeck-ingest-writer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Before the first batch: carries raw samples committed after the last flush (a crash, a kill) into
     * {@code worker_gpus}. A database without the mark has had {@code worker_gpus} written in every batch so far.
     * When batches write {@code worker_gpus} themselves, a mark left behind is used once and then dropped.
     */
    void recoverLatest() {
        try {
            int replayed = repo.inTransaction(c -> {
                long mark = repo.watermark(c, WorkerRepository.LATEST_MARK);
                long max = repo.maxRawId(c);
                int n = 0;
                if (mark >= 0 && max > mark) {
                    Map<String, Rows.Sample> newest = new HashMap<>();
                    for (Rows.Sample s : repo.samplesAfter(c, mark)) {
                        newest.merge(latestKey(s), s, IngestWriter::newer);
                    }
                    repo.upsertLatest(c, new ArrayList<>(newest.values()));
                    n = newest.size();
                }
                if (deferLatest()) {
                    repo.setWatermark(c, WorkerRepository.LATEST_MARK, max, Instant.now());
                } else if (mark >= 0) {
                    repo.deleteWatermark(c, WorkerRepository.LATEST_MARK);
                }
                return n;
            });
            if (replayed > 0) {
                log.info("worker_gpus: carried {} GPU(s) over from samples committed after the last flush", replayed);
            }
        } catch (RuntimeException e) {
            log.warn("worker_gpus could not be brought up to date at start ({}); it catches up with the next samples", e.toString());
        }
    }

    /**
     * Brings {@code worker_gpus} up to every committed sample before a read. Returns at once when nothing is pending
     * or when called on the writer thread; waits at most a few seconds (then the read sees the table as it is).
     */
    void awaitLatest() {
        if (!latestPending || !running || Thread.currentThread() == thread) {
            return;
        }
        FlushOp op = new FlushOp(new CompletableFuture<>());
        if (!queue.offer(op)) {
            return; // overloaded: the timed flush still comes, and the read must not wait behind a full queue
        }
        try {
            op.done().get(FLUSH_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.debug("worker_gpus flush before a read did not finish: {}", e.toString());
        }
    }

    private boolean deferLatest() {
        return !latestEvery.isZero();
    }

    private static String latestKey(Rows.Sample s) {
        return s.workerId() + "\n" + s.gpu().index();
    }

    private static Rows.Sample newer(Rows.Sample a, Rows.Sample b) {
        return b.at().isBefore(a.at()) ? a : b;
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
        List<FlushOp> flushes = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Op first = queue.poll(pollMillis(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    int rows = 0;
                    for (Op op = first; op != null; op = rows < settings.ingestBatchRows() ? queue.poll() : null) {
                        if (op instanceof FlushOp f) {
                            flushes.add(f);
                        } else {
                            batch.add(op);
                            rows += op.rows();
                        }
                    }
                    if (!batch.isEmpty()) {
                        write(batch);
                    }
                }
                if (!flushes.isEmpty() || latestDue()) {
                    flushLatest();
                }
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                log.error("ingest writer failed on a batch of {}", batch.size(), e);
                fail(batch, e);
            } finally {
                batch.clear();
                flushes.forEach(f -> f.done().complete(null));
                flushes.clear();
            }
        }
        flushLatest();
        Op left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new ApiException(503, "shutting_down", "ingest is stopping; retry shortly"));
        }
    }

    /** Waits for work, but no longer than until the pending {@code worker_gpus} rows are due. */
    private long pollMillis() {
        if (pendingLatest.isEmpty()) {
            return 200;
        }
        long dueIn = latestEvery.toMillis() - (System.nanoTime() - lastLatestFlush) / 1_000_000;
        return Math.max(1, Math.min(200, dueIn));
    }

    private boolean latestDue() {
        return !pendingLatest.isEmpty() && System.nanoTime() - lastLatestFlush >= latestEvery.toNanos();
    }

    /** Writes the pending newest samples and the raw id they cover in one transaction; on failure they stay pending. */
    private void flushLatest() {
        lastLatestFlush = System.nanoTime();
        if (pendingLatest.isEmpty()) {
            return;
        }
        try {
            repo.inTransaction(c -> {
                repo.upsertLatest(c, new ArrayList<>(pendingLatest.values()));
                // One writer per H2 file: every raw id up to the current maximum is one of ours, and already merged above.
                repo.setWatermark(c, WorkerRepository.LATEST_MARK, repo.maxRawId(c), Instant.now());
                return null;
            });
            pendingLatest.clear();
            latestPending = false;
        } catch (RuntimeException e) {
            log.warn("worker_gpus flush failed ({}); will retry", e.toString());
        }
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
                if (!deferLatest()) {
                    repo.upsertLatest(c, plan.latestRows());
                }
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
        if (deferLatest()) {
            for (Rows.Sample s : plan.latestRows()) {
                pendingLatest.merge(latestKey(s), s, IngestWriter::newer);
            }
            latestPending = !pendingLatest.isEmpty();
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
