package dev.opsdeck.backend.workers;

import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.StoreKind;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every SQL statement of the workers domain, in the dialect H2 (MODE=PostgreSQL) and PostgreSQL share.
 * Writes take the caller's connection so the ingest writer can put a whole batch in one transaction;
 * reads open their own. Times are bound as UTC {@link OffsetDateTime} for TIMESTAMP WITH TIME ZONE columns.
 */
final class WorkerRepository {
    private final Database db;

    WorkerRepository(Database db) {
        this.db = db;
    }

    Database database() {
        return db;
    }

    // ---------------------------------------------------------------- ingest (caller's transaction)

    void insertHeartbeats(Connection c, List<Rows.Heartbeat> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO heartbeats (worker_id, heartbeat_time, status, boot_id, uptime_seconds,"
                + " active_jobs, cpu_percent, memory_percent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Rows.Heartbeat h : rows) {
                ps.setString(1, h.workerId());
                ps.setObject(2, utc(h.at()));
                ps.setString(3, h.status());
                ps.setString(4, h.bootId());
                setLong(ps, 5, h.uptimeSeconds());
                ps.setInt(6, h.activeJobs());
                setDouble(ps, 7, h.cpuPercent());
                setDouble(ps, 8, h.memoryPercent());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void writeWorkers(Connection c, List<Rows.Worker> rows) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO workers (worker_id, wallet_address, hostname, gpu_count, gpu_model,"
                + " agent_version, boot_id, uptime_seconds, restart_count, status, registered_at, last_heartbeat, expected_interval_seconds,"
                + " active_jobs, cpu_percent, memory_percent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'online', ?, ?, ?, ?, ?, ?)");
             PreparedStatement upd = c.prepareStatement("UPDATE workers SET wallet_address = COALESCE(?, wallet_address),"
                     + " hostname = COALESCE(?, hostname), gpu_count = COALESCE(?, gpu_count), gpu_model = COALESCE(?, gpu_model),"
                     + " agent_version = COALESCE(?, agent_version), boot_id = COALESCE(?, boot_id), uptime_seconds = COALESCE(?, uptime_seconds),"
                     + " restart_count = ?, status = 'online', last_heartbeat = ?, expected_interval_seconds = ?, active_jobs = ?,"
                     + " cpu_percent = ?, memory_percent = ? WHERE worker_id = ?")) {
            boolean anyIns = false;
            boolean anyUpd = false;
            for (Rows.Worker w : rows) {
                HeartbeatRequest hb = w.hb();
                int active = hb.activeJobs() == null ? 0 : hb.activeJobs();
                if (w.isNew()) {
                    ins.setString(1, w.workerId());
                    ins.setString(2, hb.walletAddress());
                    ins.setString(3, hb.hostname());
                    ins.setInt(4, hb.gpuCount() == null ? 0 : hb.gpuCount());
                    ins.setString(5, hb.gpuModel());
                    ins.setString(6, hb.agentVersion());
                    ins.setString(7, hb.bootId());
                    setLong(ins, 8, hb.uptimeSeconds());
                    ins.setInt(9, w.restartCount());
                    ins.setObject(10, utc(w.at()));
                    ins.setObject(11, utc(w.at()));
                    ins.setInt(12, w.intervalSeconds());
                    ins.setInt(13, active);
                    setDouble(ins, 14, hb.cpuPercent());
                    setDouble(ins, 15, hb.memoryPercent());
                    ins.addBatch();
                    anyIns = true;
                } else {
                    upd.setString(1, hb.walletAddress());
                    upd.setString(2, hb.hostname());
                    setInt(upd, 3, hb.gpuCount());
                    upd.setString(4, hb.gpuModel());
                    upd.setString(5, hb.agentVersion());
                    upd.setString(6, hb.bootId());
                    setLong(upd, 7, hb.uptimeSeconds());
                    upd.setInt(8, w.restartCount());
                    upd.setObject(9, utc(w.at()));
                    upd.setInt(10, w.intervalSeconds());
                    upd.setInt(11, active);
                    setDouble(upd, 12, hb.cpuPercent());
                    setDouble(upd, 13, hb.memoryPercent());
                    upd.setString(14, w.workerId());
                    upd.addBatch();
                    anyUpd = true;
                }
            }
            if (anyIns) {
                ins.executeBatch();
            }
            if (anyUpd) {
                upd.executeBatch();
            }
        }
    }

    /** Adds credited seconds to each worker-hour (update, then insert the hours that had no row). */
    void addCoverage(Connection c, List<Rows.Coverage> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<Rows.Coverage> missing;
        try (PreparedStatement upd = c.prepareStatement(
                "UPDATE worker_uptime_hourly SET covered_seconds = covered_seconds + ? WHERE worker_id = ? AND hour_start = ?")) {
            for (Rows.Coverage r : rows) {
                upd.setDouble(1, r.seconds());
                upd.setString(2, r.workerId());
                upd.setObject(3, utc(r.hourStart()));
                upd.addBatch();
            }
            missing = unmatched(upd.executeBatch(), rows);
        }
        if (!missing.isEmpty()) {
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO worker_uptime_hourly (worker_id, hour_start, covered_seconds) VALUES (?, ?, ?)")) {
                for (Rows.Coverage r : missing) {
                    ins.setString(1, r.workerId());
                    ins.setObject(2, utc(r.hourStart()));
                    ins.setDouble(3, r.seconds());
                    ins.addBatch();
                }
                ins.executeBatch();
            }
        }
    }

    void insertSamples(Connection c, List<Rows.Sample> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gpu_metrics_history (worker_id, gpu_index, gpu_model, recorded_at,"
                + " utilization_percent, memory_used_mb, memory_total_mb, temperature_c, power_watts, sm_clock_mhz, ecc_sbe_count,"
                + " ecc_dbe_count, xid_error_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Rows.Sample s : rows) {
                GpuMetricsRequest.Sample g = s.gpu();
                ps.setString(1, s.workerId());
                ps.setInt(2, g.index());
                ps.setString(3, g.model());
                ps.setObject(4, utc(s.at()));
                ps.setDouble(5, g.utilization());
                setDouble(ps, 6, g.memoryUsed());
                setDouble(ps, 7, g.memoryTotal());
                setDouble(ps, 8, g.temperature());
                setDouble(ps, 9, g.power());
                setDouble(ps, 10, g.smClock());
                setLong(ps, 11, g.eccSbe());
                setLong(ps, 12, g.eccDbe());
                ps.setLong(13, g.xids().size());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Keeps {@code worker_gpus} at the newest sample per GPU; {@code rows} hold at most one row per GPU. */
    void upsertLatest(Connection c, List<Rows.Sample> rows) throws SQLException {
        upsertLatest(c, "worker_gpus", rows);
    }

    /**
     * On H2, {@code worker_gpus} is kept in memory only and the writer saves it to {@code worker_gpus_saved} every
     * {@code WORKER_LATEST_SAVE_SECONDS} (V23 in db/migration-h2 says why); PostgreSQL writes {@code worker_gpus}
     * itself in each batch.
     */
    boolean savesLatestSeparately() {
        return db.kind() == StoreKind.H2;
    }

    /** Saves newest samples (at most one per GPU) to {@code worker_gpus_saved}. */
    void saveLatest(Connection c, List<Rows.Sample> rows) throws SQLException {
        upsertLatest(c, "worker_gpus_saved", rows);
    }

    /** Records that {@code worker_gpus_saved} reflects every history row up to {@code coveredId}. */
    void markLatestSaved(Connection c, long coveredId, Instant at) throws SQLException {
        setMark(c, "latest_saved", coveredId, at);
    }

    /**
     * Refills the in-memory {@code worker_gpus} at start: the saved rows, then the newest of the history rows committed
     * after the last save (a kill between saves loses none of them). Returns {saved rows, GPUs updated from history}.
     */
    int[] restoreLatest() {
        return inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM worker_gpus")) {
                del.executeUpdate();
            }
            int saved;
            try (PreparedStatement copy = c.prepareStatement("INSERT INTO worker_gpus (" + LATEST_COLUMNS + ") SELECT " + LATEST_COLUMNS
                    + " FROM worker_gpus_saved")) {
                saved = copy.executeUpdate();
            }
            Map<String, Rows.Sample> newest = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LATEST_COLUMNS + " FROM gpu_metrics_history WHERE id > ? ORDER BY id")) {
                ps.setLong(1, mark(c, "latest_saved"));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Rows.Sample row = new Rows.Sample(rs.getString(1), instant(rs, 4), new GpuMetricsRequest.Sample(rs.getInt(2),
                                rs.getString(3), rs.getDouble(5), getDouble(rs, 6), getDouble(rs, 7), getDouble(rs, 8), getDouble(rs, 9),
                                getDouble(rs, 10), getLong(rs, 11), getLong(rs, 12), List.of()));
                        newest.merge(row.gpuKey(), row, Rows.Sample::newer);
                    }
                }
            }
            upsertLatest(c, "worker_gpus", new ArrayList<>(newest.values()));
            return new int[]{saved, newest.size()};
        });
    }

    private static final String LATEST_COLUMNS = "worker_id, gpu_index, gpu_model, recorded_at, utilization_percent, memory_used_mb,"
            + " memory_total_mb, temperature_c, power_watts, sm_clock_mhz, ecc_sbe_count, ecc_dbe_count";

    private void upsertLatest(Connection c, String table, List<Rows.Sample> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<Rows.Sample> missing;
        try (PreparedStatement upd = c.prepareStatement("UPDATE " + table + " SET gpu_model = COALESCE(?, gpu_model), recorded_at = ?,"
                + " utilization_percent = ?, memory_used_mb = ?, memory_total_mb = ?, temperature_c = ?, power_watts = ?, sm_clock_mhz = ?,"
                + " ecc_sbe_count = ?, ecc_dbe_count = ? WHERE worker_id = ? AND gpu_index = ? AND recorded_at <= ?")) {
            for (Rows.Sample s : rows) {
                GpuMetricsRequest.Sample g = s.gpu();
                upd.setString(1, g.model());
                upd.setObject(2, utc(s.at()));
                upd.setDouble(3, g.utilization());
                setDouble(upd, 4, g.memoryUsed());
                setDouble(upd, 5, g.memoryTotal());
                setDouble(upd, 6, g.temperature());
                setDouble(upd, 7, g.power());
                setDouble(upd, 8, g.smClock());
                setLong(upd, 9, g.eccSbe());
                setLong(upd, 10, g.eccDbe());
                upd.setString(11, s.workerId());
                upd.setInt(12, g.index());
                upd.setObject(13, utc(s.at()));
                upd.addBatch();
            }
            missing = unmatched(upd.executeBatch(), rows);
        }
        if (missing.isEmpty()) {
            return;
        }
        // A zero count is either a GPU never seen or an older (buffered) sample; insert only the former.
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " (" + LATEST_COLUMNS + ")"
                + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM " + table + " WHERE worker_id = ? AND gpu_index = ?)")) {
            for (Rows.Sample s : missing) {
                GpuMetricsRequest.Sample g = s.gpu();
                ins.setString(1, s.workerId());
                ins.setInt(2, g.index());
                ins.setString(3, g.model());
                ins.setObject(4, utc(s.at()));
                ins.setDouble(5, g.utilization());
                setDouble(ins, 6, g.memoryUsed());
                setDouble(ins, 7, g.memoryTotal());
                setDouble(ins, 8, g.temperature());
                setDouble(ins, 9, g.power());
                setDouble(ins, 10, g.smClock());
                setLong(ins, 11, g.eccSbe());
                setLong(ins, 12, g.eccDbe());
                ins.setString(13, s.workerId());
                ins.setInt(14, g.index());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    void insertErrorEvents(Connection c, List<Rows.ErrorEvent> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO gpu_error_events (worker_id, gpu_index, kind, code, message, occurred_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Rows.ErrorEvent e : rows) {
                ps.setString(1, e.workerId());
                ps.setInt(2, e.gpuIndex());
                ps.setString(3, e.kind());
                ps.setLong(4, e.code());
                ps.setString(5, e.message());
                ps.setObject(6, utc(e.occurredAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---------------------------------------------------------------- cache loading

    List<WorkerSnapshot> loadSnapshots(String onlyWorker) {
        String where = onlyWorker == null ? "" : " WHERE worker_id = ?";
        Map<String, WorkerSnapshot> byId = new LinkedHashMap<>();
        Map<String, Map<Integer, WorkerSnapshot.GpuSnapshot>> gpus = new HashMap<>();
        try (Connection c = db.dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT worker_id, registered_at, last_heartbeat, boot_id, uptime_seconds,"
                    + " restart_count, expected_interval_seconds, active_jobs FROM workers" + where)) {
                if (onlyWorker != null) {
                    ps.setString(1, onlyWorker);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        byId.put(id, new WorkerSnapshot(id, instant(rs, 2), instant(rs, 3), rs.getString(4), getLong(rs, 5),
                                rs.getInt(6), rs.getInt(7), rs.getInt(8), Map.of()));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT worker_id, gpu_index, utilization_percent, temperature_c, ecc_dbe_count"
                    + " FROM worker_gpus" + where)) {
                if (onlyWorker != null) {
                    ps.setString(1, onlyWorker);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        gpus.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getInt(2),
                                new WorkerSnapshot.GpuSnapshot(rs.getDouble(3), getDouble(rs, 4), getLong(rs, 5)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load workers: " + e.getMessage(), e);
        }
        List<WorkerSnapshot> out = new ArrayList<>();
        for (WorkerSnapshot s : byId.values()) {
            out.add(s.withGpus(Map.copyOf(gpus.getOrDefault(s.workerId(), Map.of()))));
        }
        return out;
    }

    /** Writes the states the sweep judged, so that SQL readers of {@code workers.status} see them too. */
    void updateStatuses(Map<String, String> states) {
        if (states.isEmpty()) {
            return;
        }
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE workers SET status = ? WHERE worker_id = ?")) {
                for (Map.Entry<String, String> e : states.entrySet()) {
                    ps.setString(1, e.getValue());
                    ps.setString(2, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- reads

    /** A worker row as the status and list views show it. */
    record WorkerRow(String workerId, String hostname, String walletAddress, String agentVersion, String gpuModel, int gpuCount,
                     int restartCount, Instant registeredAt, Instant lastHeartbeat, int intervalSeconds, int activeJobs,
                     Double cpuPercent, Double memoryPercent, BigDecimal totalRewards, int gpusReporting, Double avgUtilization,
                     Double maxTemperature, Double powerWatts) {
    }

    private static final String WORKER_SELECT = "SELECT w.worker_id, w.hostname, w.wallet_address, w.agent_version, w.gpu_model,"
            + " w.gpu_count, w.restart_count, w.registered_at, w.last_heartbeat, w.expected_interval_seconds, w.active_jobs,"
            + " w.cpu_percent, w.memory_percent, w.total_rewards FROM workers w";

    WorkerRow worker(String workerId) {
        List<WorkerRow> r = withGpuSummaries(query(WORKER_SELECT + " WHERE w.worker_id = ?", ps -> ps.setString(1, workerId), WorkerRepository::workerRow));
        return r.isEmpty() ? null : r.get(0);
    }

    boolean workerExists(String workerId) {
        return !query("SELECT 1 FROM workers WHERE worker_id = ?", ps -> ps.setString(1, workerId), rs -> 1).isEmpty();
    }

    /**
     * Adds each worker's GPU figures in a second, keyed query: joining a GROUP BY over all of worker_gpus would
     * aggregate the whole fleet's GPUs for every page.
     */
    private List<WorkerRow> withGpuSummaries(List<WorkerRow> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        String marks = String.join(",", java.util.Collections.nCopies(rows.size(), "?"));
        Map<String, Object[]> g = new HashMap<>();
        query("SELECT worker_id, COUNT(*), AVG(utilization_percent), MAX(temperature_c), SUM(power_watts) FROM worker_gpus"
                + " WHERE worker_id IN (" + marks + ") GROUP BY worker_id", ps -> {
                    for (int i = 0; i < rows.size(); i++) {
                        ps.setString(i + 1, rows.get(i).workerId());
                    }
                }, rs -> g.put(rs.getString(1), new Object[]{rs.getInt(2), getDouble(rs, 3), getDouble(rs, 4), getDouble(rs, 5)}));
        List<WorkerRow> out = new ArrayList<>(rows.size());
        for (WorkerRow w : rows) {
            Object[] v = g.get(w.workerId());
            out.add(v == null ? w : new WorkerRow(w.workerId(), w.hostname(), w.walletAddress(), w.agentVersion(), w.gpuModel(), w.gpuCount(),
                    w.restartCount(), w.registeredAt(), w.lastHeartbeat(), w.intervalSeconds(), w.activeJobs(), w.cpuPercent(),
                    w.memoryPercent(), w.totalRewards(), (Integer) v[0], (Double) v[1], (Double) v[2], (Double) v[3]));
        }
        return out;
    }

    /**
     * A page of workers whose last heartbeat is in {@code [after, before)} (nulls: unbounded), ordered by id.
     * States are ranges of heartbeat age, so a state filter is a time range here.
     */
    List<WorkerRow> workers(Instant after, Instant before, int limit, int offset) {
        return withGpuSummaries(query(WORKER_SELECT + timeRange("w.last_heartbeat", after, before) + " ORDER BY w.worker_id LIMIT ? OFFSET ?", ps -> {
            int i = bindRange(ps, 1, after, before);
            ps.setInt(i++, limit);
            ps.setInt(i, offset);
        }, WorkerRepository::workerRow));
    }

    long countWorkers(Instant after, Instant before) {
        return query("SELECT COUNT(*) FROM workers w" + timeRange("w.last_heartbeat", after, before),
                ps -> bindRange(ps, 1, after, before), rs -> rs.getLong(1)).get(0);
    }

    /** Workers whose last heartbeat lies in {@code [since, offlineBefore)}, newest departure first. */
    List<WorkerRow> departed(Instant since, Instant offlineBefore, int limit) {
        return query(WORKER_SELECT + " WHERE w.last_heartbeat >= ? AND w.last_heartbeat < ? ORDER BY w.last_heartbeat DESC LIMIT ?", ps -> {
            ps.setObject(1, utc(since));
            ps.setObject(2, utc(offlineBefore));
            ps.setInt(3, limit);
        }, WorkerRepository::workerRow);
    }

    private static String timeRange(String col, Instant after, Instant before) {
        List<String> c = new ArrayList<>();
        if (after != null) {
            c.add(col + " >= ?");
        }
        if (before != null) {
            c.add("(" + col + " < ? OR " + col + " IS NULL)");
        }
        return c.isEmpty() ? "" : " WHERE " + String.join(" AND ", c);
    }

    private static int bindRange(PreparedStatement ps, int i, Instant after, Instant before) throws SQLException {
        if (after != null) {
            ps.setObject(i++, utc(after));
        }
        if (before != null) {
            ps.setObject(i++, utc(before));
        }
        return i;
    }

    private static WorkerRow workerRow(ResultSet rs) throws SQLException {
        return new WorkerRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                rs.getInt(7), instant(rs, 8), instant(rs, 9), rs.getInt(10), rs.getInt(11), getDouble(rs, 12), getDouble(rs, 13),
                rs.getBigDecimal(14), 0, null, null, null);
    }

    /** The latest sample of one GPU with its worker's last heartbeat (the GPU view judges the worker's state from it). */
    record GpuRow(String workerId, int gpuIndex, String model, Instant recordedAt, double utilization, Double memoryUsed,
                  Double memoryTotal, Double temperature, Double power, Double smClock, Long eccSbe, Long eccDbe, Instant lastHeartbeat) {
    }

    List<GpuRow> gpus(String workerId, int limit, int offset) {
        String where = workerId == null ? "" : " WHERE g.worker_id = ?";
        return query("SELECT g.worker_id, g.gpu_index, g.gpu_model, g.recorded_at, g.utilization_percent, g.memory_used_mb,"
                + " g.memory_total_mb, g.temperature_c, g.power_watts, g.sm_clock_mhz, g.ecc_sbe_count, g.ecc_dbe_count, w.last_heartbeat"
                + " FROM worker_gpus g JOIN workers w ON w.worker_id = g.worker_id" + where
                + " ORDER BY g.worker_id, g.gpu_index LIMIT ? OFFSET ?", ps -> {
                    int i = 1;
                    if (workerId != null) {
                        ps.setString(i++, workerId);
                    }
                    ps.setInt(i++, limit);
                    ps.setInt(i, offset);
                }, rs -> new GpuRow(rs.getString(1), rs.getInt(2), rs.getString(3), instant(rs, 4), rs.getDouble(5), getDouble(rs, 6),
                        getDouble(rs, 7), getDouble(rs, 8), getDouble(rs, 9), getDouble(rs, 10), getLong(rs, 11), getLong(rs, 12), instant(rs, 13)));
    }

    long countGpus(String workerId) {
        return workerId == null ? query("SELECT COUNT(*) FROM worker_gpus", ps -> { }, rs -> rs.getLong(1)).get(0)
                : query("SELECT COUNT(*) FROM worker_gpus WHERE worker_id = ?", ps -> ps.setString(1, workerId), rs -> rs.getLong(1)).get(0);
    }

    /** Fleet-wide GPU figures over GPUs of workers heard from since {@code activeSince}. */
    record GpuTotals(long gpus, long activeGpus, Double avgUtilization, Double maxTemperature, Double powerWatts) {
    }

    GpuTotals gpuTotals(Instant activeSince) {
        return query("SELECT COUNT(*), SUM(CASE WHEN w.last_heartbeat >= ? THEN 1 ELSE 0 END),"
                + " AVG(CASE WHEN w.last_heartbeat >= ? THEN g.utilization_percent END), MAX(CASE WHEN w.last_heartbeat >= ? THEN g.temperature_c END),"
                + " SUM(CASE WHEN w.last_heartbeat >= ? THEN g.power_watts END) FROM worker_gpus g JOIN workers w ON w.worker_id = g.worker_id", ps -> {
                    for (int i = 1; i <= 4; i++) {
                        ps.setObject(i, utc(activeSince));
                    }
                }, rs -> new GpuTotals(rs.getLong(1), rs.getLong(2), getDouble(rs, 3), getDouble(rs, 4), getDouble(rs, 5))).get(0);
    }

    /** The hottest GPU among workers heard from since {@code activeSince}, or null. */
    GpuRow hottestGpu(Instant activeSince) {
        List<GpuRow> r = query("SELECT g.worker_id, g.gpu_index, g.gpu_model, g.recorded_at, g.utilization_percent, g.memory_used_mb,"
                + " g.memory_total_mb, g.temperature_c, g.power_watts, g.sm_clock_mhz, g.ecc_sbe_count, g.ecc_dbe_count, w.last_heartbeat"
                + " FROM worker_gpus g JOIN workers w ON w.worker_id = g.worker_id WHERE w.last_heartbeat >= ? AND g.temperature_c IS NOT NULL"
                + " ORDER BY g.temperature_c DESC, g.worker_id LIMIT 1", ps -> ps.setObject(1, utc(activeSince)),
                rs -> new GpuRow(rs.getString(1), rs.getInt(2), rs.getString(3), instant(rs, 4), rs.getDouble(5), getDouble(rs, 6),
                        getDouble(rs, 7), getDouble(rs, 8), getDouble(rs, 9), getDouble(rs, 10), getLong(rs, 11), getLong(rs, 12), instant(rs, 13)));
        return r.isEmpty() ? null : r.get(0);
    }

    record ErrorRow(long id, String workerId, int gpuIndex, String kind, long code, String message, Instant occurredAt) {
    }

    /** Error events in {@code [from, to)}, newest first; {@code workerId} and {@code gpu} may be null (all). */
    List<ErrorRow> errorEvents(String workerId, Integer gpu, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, worker_id, gpu_index, kind, code, message, occurred_at FROM gpu_error_events"
                + " WHERE occurred_at >= ? AND occurred_at < ?");
        if (workerId != null) {
            sql.append(" AND worker_id = ?");
        }
        if (gpu != null) {
            sql.append(" AND gpu_index = ?");
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ?");
        return query(sql.toString(), ps -> {
            int i = 1;
            ps.setObject(i++, utc(from));
            ps.setObject(i++, utc(to));
            if (workerId != null) {
                ps.setString(i++, workerId);
            }
            if (gpu != null) {
                ps.setInt(i++, gpu);
            }
            ps.setInt(i, limit);
        }, rs -> new ErrorRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5), rs.getString(6), instant(rs, 7)));
    }

    /** Error counts since {@code since} keyed by "worker/gpu/kind" (worker may be null: the whole fleet). */
    Map<String, Long> errorCounts(String workerId, Instant since) {
        Map<String, Long> out = new LinkedHashMap<>();
        query("SELECT worker_id, gpu_index, kind, COUNT(*) FROM gpu_error_events WHERE occurred_at >= ?"
                + (workerId == null ? "" : " AND worker_id = ?") + " GROUP BY worker_id, gpu_index, kind", ps -> {
                    ps.setObject(1, utc(since));
                    if (workerId != null) {
                        ps.setString(2, workerId);
                    }
                }, rs -> out.put(rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getString(3), rs.getLong(4)));
        return out;
    }

    /** One point of a GPU series: averages over the bucket (raw: the sample itself). */
    record Point(int gpuIndex, Instant at, int samples, double utilization, double utilizationMax, Double memoryUsed,
                 Double temperature, Double temperatureMax, Double power) {
    }

    List<Point> rawSeries(String workerId, Integer gpu, Instant from, Instant to, int limit) {
        return query("SELECT gpu_index, recorded_at, utilization_percent, memory_used_mb, temperature_c, power_watts FROM gpu_metrics_history"
                + " WHERE worker_id = ? AND recorded_at >= ? AND recorded_at < ?" + (gpu == null ? "" : " AND gpu_index = ?")
                + " ORDER BY gpu_index, recorded_at LIMIT ?", ps -> {
                    int i = bindSeries(ps, workerId, gpu, from, to);
                    ps.setInt(i, limit);
                }, rs -> {
                    double u = rs.getDouble(3);
                    Double t = getDouble(rs, 5);
                    return new Point(rs.getInt(1), instant(rs, 2), 1, u, u, getDouble(rs, 4), t, t, getDouble(rs, 6));
                });
    }

    /** A rollup tier's series; {@code table} is one of two constants, never user input. */
    List<Point> tierSeries(Tier tier, String workerId, Integer gpu, Instant from, Instant to, int limit) {
        return query("SELECT gpu_index, bucket_start, samples, utilization_sum / samples, utilization_max, memory_used_sum / samples,"
                + " temperature_sum / samples, temperature_max, power_sum / samples FROM " + tier.table()
                + " WHERE worker_id = ? AND bucket_start >= ? AND bucket_start < ?" + (gpu == null ? "" : " AND gpu_index = ?")
                + " ORDER BY gpu_index, bucket_start LIMIT ?", ps -> {
                    int i = bindSeries(ps, workerId, gpu, from, to);
                    ps.setInt(i, limit);
                }, rs -> new Point(rs.getInt(1), instant(rs, 2), rs.getInt(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6),
                        rs.getDouble(7), rs.getDouble(8), rs.getDouble(9)));
    }

    private static int bindSeries(PreparedStatement ps, String workerId, Integer gpu, Instant from, Instant to) throws SQLException {
        int i = 1;
        ps.setString(i++, workerId);
        ps.setObject(i++, utc(from));
        ps.setObject(i++, utc(to));
        if (gpu != null) {
            ps.setInt(i++, gpu);
        }
        return i;
    }

    /** Rollup tiers and their tables. */
    enum Tier {
        MINUTE("gpu_metrics_1m", ChronoUnit.MINUTES), HOUR("gpu_metrics_1h", ChronoUnit.HOURS);

        private final String table;
        private final ChronoUnit unit;

        Tier(String table, ChronoUnit unit) {
            this.table = table;
            this.unit = unit;
        }

        String table() {
            return table;
        }

        ChronoUnit unit() {
            return unit;
        }
    }

    record HeartbeatRow(Instant at, String status, String bootId, Long uptimeSeconds, int activeJobs, Double cpuPercent, Double memoryPercent) {
    }

    /** One worker's heartbeats in {@code [from, to)}, oldest first. */
    List<HeartbeatRow> heartbeats(String workerId, Instant from, Instant to, int limit) {
        return query("SELECT heartbeat_time, status, boot_id, uptime_seconds, active_jobs, cpu_percent, memory_percent FROM heartbeats"
                + " WHERE worker_id = ? AND heartbeat_time >= ? AND heartbeat_time < ? ORDER BY heartbeat_time LIMIT ?", ps -> {
                    ps.setString(1, workerId);
                    ps.setObject(2, utc(from));
                    ps.setObject(3, utc(to));
                    ps.setInt(4, limit);
                }, rs -> new HeartbeatRow(instant(rs, 1), rs.getString(2), rs.getString(3), getLong(rs, 4), rs.getInt(5), getDouble(rs, 6),
                        getDouble(rs, 7)));
    }

    // ---------------------------------------------------------------- uptime

    /** Credited seconds per hour of one worker since {@code from} (hour starts >= the hour containing {@code from}). */
    Map<Instant, Double> coverage(String workerId, Instant from) {
        Map<Instant, Double> out = new LinkedHashMap<>();
        query("SELECT hour_start, covered_seconds FROM worker_uptime_hourly WHERE worker_id = ? AND hour_start >= ? ORDER BY hour_start",
                ps -> {
                    ps.setString(1, workerId);
                    ps.setObject(2, utc(from));
                }, rs -> out.put(instant(rs, 1), rs.getDouble(2)));
        return out;
    }

    /** Credited seconds per worker and hour since {@code from}, for the fleet-wide uptime gauge. */
    Map<String, Map<Instant, Double>> coverageAll(Instant from) {
        Map<String, Map<Instant, Double>> out = new HashMap<>();
        query("SELECT worker_id, hour_start, covered_seconds FROM worker_uptime_hourly WHERE hour_start >= ?",
                ps -> ps.setObject(1, utc(from)),
                rs -> out.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(instant(rs, 2), rs.getDouble(3)));
        return out;
    }

    // ---------------------------------------------------------------- rewards

    record ClaimRow(long id, String workerId, BigDecimal amount, String token, String txHash, String status, Instant claimedAt) {
    }

    /** Records a claim and adds it to the worker's total in one transaction; null when the worker does not exist. */
    ClaimRow insertClaim(String workerId, BigDecimal amount, String token, String txHash, Instant at) {
        return inTransaction(c -> {
            try (PreparedStatement upd = c.prepareStatement("UPDATE workers SET total_rewards = total_rewards + ? WHERE worker_id = ?")) {
                upd.setBigDecimal(1, amount);
                upd.setString(2, workerId);
                if (upd.executeUpdate() == 0) {
                    return null;
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO reward_claims (worker_id, amount, token, tx_hash, status, claimed_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", new String[]{"id"})) {
                ins.setString(1, workerId);
                ins.setBigDecimal(2, amount);
                ins.setString(3, token);
                ins.setString(4, txHash);
                ins.setString(5, txHash == null ? "pending" : "submitted");
                ins.setObject(6, utc(at));
                ins.executeUpdate();
                try (ResultSet keys = ins.getGeneratedKeys()) {
                    keys.next();
                    return new ClaimRow(keys.getLong(1), workerId, amount, token, txHash, txHash == null ? "pending" : "submitted", at);
                }
            }
        });
    }

    boolean txHashExists(String txHash) {
        return !query("SELECT 1 FROM reward_claims WHERE tx_hash = ?", ps -> ps.setString(1, txHash), rs -> 1).isEmpty();
    }

    List<ClaimRow> claims(String workerId, Instant from, int limit, int offset) {
        return query("SELECT id, worker_id, amount, token, tx_hash, status, claimed_at FROM reward_claims WHERE claimed_at >= ?"
                + (workerId == null ? "" : " AND worker_id = ?") + " ORDER BY claimed_at DESC, id DESC LIMIT ? OFFSET ?", ps -> {
                    int i = 1;
                    ps.setObject(i++, utc(from));
                    if (workerId != null) {
                        ps.setString(i++, workerId);
                    }
                    ps.setInt(i++, limit);
                    ps.setInt(i, offset);
                }, rs -> new ClaimRow(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), instant(rs, 7)));
    }

    /** Sum and count of claims per status since {@code from}. */
    Map<String, BigDecimal[]> claimTotals(String workerId, Instant from) {
        Map<String, BigDecimal[]> out = new LinkedHashMap<>();
        query("SELECT status, COUNT(*), COALESCE(SUM(amount), 0) FROM reward_claims WHERE claimed_at >= ?"
                + (workerId == null ? "" : " AND worker_id = ?") + " GROUP BY status ORDER BY status", ps -> {
                    ps.setObject(1, utc(from));
                    if (workerId != null) {
                        ps.setString(2, workerId);
                    }
                }, rs -> out.put(rs.getString(1), new BigDecimal[]{BigDecimal.valueOf(rs.getLong(2)), rs.getBigDecimal(3)}));
        return out;
    }

    // ---------------------------------------------------------------- rollups and retention

    long rollupWatermark(Connection c) throws SQLException {
        return mark(c, "raw");
    }

    /** A history row id recorded in {@code gpu_rollup_state} under {@code name}; 0 when none is. */
    private static long mark(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT last_raw_id FROM gpu_rollup_state WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    long maxRawId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM gpu_metrics_history");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Rolls raw rows with ids in {@code (fromId, toId]} into both tiers in one pass over them: sums add up, maxima take
     * the larger, a missing memory, temperature or power reading counts as 0. Buckets are UTC minutes and hours.
     * Summing here rather than in two {@code MERGE ... USING (SELECT ... GROUP BY)} statements reads the raw rows once
     * instead of once per tier: the grouped scans were 60% of the rollup's CPU (JFR, H2, 10,000 workers).
     * Returns the number of tier rows written.
     */
    int rollUp(Connection c, long fromId, long toId) throws SQLException {
        Map<Tier, Map<BucketKey, Bucket>> tiers = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            tiers.put(tier, new HashMap<>());
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT worker_id, gpu_index, recorded_at, utilization_percent, memory_used_mb,"
                + " temperature_c, power_watts FROM gpu_metrics_history WHERE id > ? AND id <= ?")) {
            ps.setLong(1, fromId);
            ps.setLong(2, toId);
            // PostgreSQL streams the chunk in pages of this many rows (inside a transaction) instead of holding all of it.
            ps.setFetchSize(2_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String worker = rs.getString(1);
                    int gpu = rs.getInt(2);
                    Instant at = instant(rs, 3);
                    // getDouble answers 0 for NULL, which is how the tiers count a missing reading.
                    double util = rs.getDouble(4);
                    double memory = rs.getDouble(5);
                    double temperature = rs.getDouble(6);
                    double power = rs.getDouble(7);
                    tiers.forEach((tier, buckets) -> buckets
                            .computeIfAbsent(new BucketKey(worker, gpu, at.truncatedTo(tier.unit())), k -> new Bucket())
                            .add(util, memory, temperature, power));
                }
            }
        }
        int written = 0;
        for (Map.Entry<Tier, Map<BucketKey, Bucket>> t : tiers.entrySet()) {
            written += addToTier(c, t.getKey(), t.getValue());
        }
        return written;
    }

    private record BucketKey(String workerId, int gpu, Instant start) implements Comparable<BucketKey> {
        private static final Comparator<BucketKey> ORDER = Comparator.comparing(BucketKey::workerId)
                .thenComparingInt(BucketKey::gpu).thenComparing(BucketKey::start);

        @Override
        public int compareTo(BucketKey o) {
            return ORDER.compare(this, o);
        }
    }

    /** What a chunk of raw rows adds to one tier bucket. */
    private static final class Bucket {
        int samples;
        double utilizationSum;
        double utilizationMax = Double.NEGATIVE_INFINITY;
        double memorySum;
        double temperatureSum;
        double temperatureMax = Double.NEGATIVE_INFINITY;
        double powerSum;

        void add(double utilization, double memory, double temperature, double power) {
            samples++;
            utilizationSum += utilization;
            utilizationMax = Math.max(utilizationMax, utilization);
            memorySum += memory;
            temperatureSum += temperature;
            temperatureMax = Math.max(temperatureMax, temperature);
            powerSum += power;
        }
    }

    /** Adds the buckets to a tier's rows, inserting the buckets it does not have yet; in key order, for locality. */
    private static int addToTier(Connection c, Tier tier, Map<BucketKey, Bucket> buckets) throws SQLException {
        if (buckets.isEmpty()) {
            return 0;
        }
        List<Map.Entry<BucketKey, Bucket>> rows = new ArrayList<>(buckets.entrySet());
        rows.sort(Map.Entry.comparingByKey());
        List<Map.Entry<BucketKey, Bucket>> missing;
        try (PreparedStatement upd = c.prepareStatement("UPDATE " + tier.table() + " SET samples = samples + ?, utilization_sum = utilization_sum + ?,"
                + " utilization_max = GREATEST(utilization_max, ?), memory_used_sum = memory_used_sum + ?, temperature_sum = temperature_sum + ?,"
                + " temperature_max = GREATEST(temperature_max, ?), power_sum = power_sum + ? WHERE worker_id = ? AND gpu_index = ? AND bucket_start = ?")) {
            for (Map.Entry<BucketKey, Bucket> e : rows) {
                bindBucket(upd, e);
                upd.addBatch();
            }
            missing = unmatched(upd.executeBatch(), rows);
        }
        if (missing.isEmpty()) {
            return rows.size();
        }
        // Same parameter order as the UPDATE above, so that one binding serves both.
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + tier.table() + " (samples, utilization_sum, utilization_max,"
                + " memory_used_sum, temperature_sum, temperature_max, power_sum, worker_id, gpu_index, bucket_start) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<BucketKey, Bucket> e : missing) {
                bindBucket(ins, e);
                ins.addBatch();
            }
            ins.executeBatch();
        }
        return rows.size();
    }

    void setRollupWatermark(Connection c, long id, Instant at) throws SQLException {
        setMark(c, "raw", id, at);
    }

    private static void setMark(Connection c, String name, long id, Instant at) throws SQLException {
        try (PreparedStatement upd = c.prepareStatement("UPDATE gpu_rollup_state SET last_raw_id = ?, updated_at = ? WHERE name = ?")) {
            upd.setLong(1, id);
            upd.setObject(2, utc(at));
            upd.setString(3, name);
            if (upd.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO gpu_rollup_state (name, last_raw_id, updated_at) VALUES (?, ?, ?)")) {
            ins.setString(1, name);
            ins.setLong(2, id);
            ins.setObject(3, utc(at));
            ins.executeUpdate();
        }
    }

    /** The newest raw sample time already merged into the tiers (history answers say how fresh the tiers are). */
    Instant rolledUpUntil() {
        List<Instant> r = query("SELECT MAX(h.recorded_at) FROM gpu_metrics_history h WHERE h.id = (SELECT last_raw_id FROM gpu_rollup_state WHERE name = 'raw')",
                ps -> { }, rs -> instant(rs, 1));
        return r.isEmpty() ? null : r.get(0);
    }

    /** Deletes rows older than the cut-offs; raw rows only once rolled up. Returns rows deleted per table. */
    Map<String, Integer> applyRetention(Instant rawBefore, Instant minuteBefore, Instant hourBefore, Instant eventsBefore) {
        return inTransaction(c -> {
            Map<String, Integer> out = new LinkedHashMap<>();
            long mark = rollupWatermark(c);
            out.put("gpu_metrics_history", delete(c, "DELETE FROM gpu_metrics_history WHERE recorded_at < ? AND id <= " + mark, rawBefore));
            out.put("gpu_metrics_1m", delete(c, "DELETE FROM gpu_metrics_1m WHERE bucket_start < ?", minuteBefore));
            out.put("gpu_metrics_1h", delete(c, "DELETE FROM gpu_metrics_1h WHERE bucket_start < ?", hourBefore));
            out.put("worker_uptime_hourly", delete(c, "DELETE FROM worker_uptime_hourly WHERE hour_start < ?", hourBefore));
            out.put("gpu_error_events", delete(c, "DELETE FROM gpu_error_events WHERE occurred_at < ?", eventsBefore));
            return out;
        });
    }

    private static int delete(Connection c, String sql, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, utc(before));
            return ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------- helpers

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    interface TxWork<T> {
        T run(Connection c) throws SQLException;
    }

    <T> List<T> query(String sql, Binder binder, Mapper<T> mapper) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("workers query failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction; rolls back on any failure. */
    <T> T inTransaction(TxWork<T> work) {
        try (Connection c = db.dataSource().getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T r = work.run(c);
                c.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("workers transaction failed: " + e.getMessage(), e);
        }
    }

    /** Sums and maxima as parameters 1-7, then the key (worker, GPU, bucket start) as 8-10. */
    private static void bindBucket(PreparedStatement ps, Map.Entry<BucketKey, Bucket> e) throws SQLException {
        Bucket b = e.getValue();
        ps.setInt(1, b.samples);
        ps.setDouble(2, b.utilizationSum);
        ps.setDouble(3, b.utilizationMax);
        ps.setDouble(4, b.memorySum);
        ps.setDouble(5, b.temperatureSum);
        ps.setDouble(6, b.temperatureMax);
        ps.setDouble(7, b.powerSum);
        ps.setString(8, e.getKey().workerId());
        ps.setInt(9, e.getKey().gpu());
        ps.setObject(10, utc(e.getKey().start()));
    }

    /** The rows of a batched UPDATE that matched no row (update count 0), in batch order. */
    private static <T> List<T> unmatched(int[] counts, List<T> rows) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                out.add(rows.get(i));
            }
        }
        return out;
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Double getDouble(ResultSet rs, int col) throws SQLException {
        double d = rs.getDouble(col);
        return rs.wasNull() ? null : d;
    }

    private static Long getLong(ResultSet rs, int col) throws SQLException {
        long d = rs.getLong(col);
        return rs.wasNull() ? null : d;
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }
}
