package dev.opsdeck.backend.chain;

import dev.opsdeck.backend.chain.indexer.IndexedEvent;
import dev.opsdeck.backend.chain.rpc.BlockHeader;
import dev.opsdeck.backend.platform.store.Database;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** All SQL of the chain domain: the event index, its state and block hashes, decoded aggregates, checkpoints. */
public final class ChainRepository {
    static final String INDEXER = "starknet";
    private static final String INSERT_EVENTS = "INSERT INTO blockchain_events (block_number, block_hash, transaction_hash, event_index, "
            + "contract_address, event_type, event_keys, event_data, block_time, indexed_at, subject, amount, label) VALUES ";
    private static final int ROWS_PER_INSERT = 100;
    /** Blocks whose hashes are kept below the tip, bounding how deep a reorg can be walked back. */
    private static final long KEEP_BLOCKS = 20_000;
    /**
     * A subject filter covers a run of whole blocks until it holds this many events: a catch-up part gets one of
     * its own, while at the head each new block joins the newest filter, so a lookup reads about one filter per
     * thousand events either way.
     */
    static final int EVENTS_PER_BLOOM = 1_000;
    private static final int BLOOM_ROWS_PER_READ = 256;
    private static final String SELECT_EVENTS = "SELECT id, block_number, block_hash, transaction_hash, event_index, contract_address, "
            + "event_type, event_keys, event_data, block_time, subject, amount, label FROM blockchain_events";

    private final Database db;

    public ChainRepository(Database db) {
        this.db = db;
    }

    /** The indexer's position: last indexed block number, hash and time, and the chain it belongs to. */
    public record IndexState(String chainId, long lastBlock, String lastHash, Instant lastTime) {
    }

    public Optional<IndexState> state() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT chain_id, last_block_number, last_block_hash, last_block_time "
                        + "FROM indexer_state WHERE indexer_name = :n").bind("n", INDEXER)
                .map((rs, c) -> new IndexState(rs.getString(1), rs.getLong(2), rs.getString(3), instant(rs.getObject(4, OffsetDateTime.class))))
                .findOne());
    }

    /**
     * Stores one fetched range atomically: events of blocks {@code from..tip} are replaced (so re-applying a
     * range is idempotent), the block hashes are recorded, and the state moves to the tip — all or nothing, so
     * a crash never leaves events without state or state without events.
     */
    public void storeBatch(String chainId, long from, BlockHeader tip, Collection<BlockHeader> headers, List<IndexedEvent> events, Instant now) {
        try {
            storeBatchOrThrow(chainId, from, tip, headers, events, now);
        } catch (SQLException e) {
            throw new IllegalStateException("storing blocks " + from + ".." + tip.number() + " failed: " + e.getMessage(), e);
        }
    }

    private void storeBatchOrThrow(String chainId, long from, BlockHeader tip, Collection<BlockHeader> headers, List<IndexedEvent> events,
                                   Instant now) throws SQLException {
        db.jdbi().useTransaction(h -> {
            h.execute("DELETE FROM blockchain_events WHERE block_number >= ? AND block_number <= ?", from, tip.number());
            h.execute("DELETE FROM chain_blocks WHERE block_number >= ? AND block_number <= ?", from, tip.number());
            insertEvents(h.getConnection(), events, now);
            storeSubjectBloom(h, from, tip.number(), events);
            try (PreparedStatement ps = h.getConnection().prepareStatement(
                    "INSERT INTO chain_blocks (block_number, block_hash, parent_hash, block_time) VALUES (?, ?, ?, ?)")) {
                for (BlockHeader b : headers) {
                    ps.setLong(1, b.number());
                    ps.setString(2, b.hash());
                    ps.setString(3, b.parentHash());
                    ps.setObject(4, OffsetDateTime.ofInstant(b.timestamp(), ZoneOffset.UTC));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            h.execute("DELETE FROM chain_blocks WHERE block_number < ?", tip.number() - KEEP_BLOCKS);
            setState(h, chainId, tip.number(), tip.hash(), tip.timestamp(), now);
        });
    }

    /**
     * Inserts in statements of {@link #ROWS_PER_INSERT} rows: one multi-row INSERT costs the database about what a
     * single row does in parsing and round trips, which is most of the cost of a catch-up on both stores.
     */
    private static void insertEvents(Connection c, List<IndexedEvent> events, Instant now) throws SQLException {
        Timestamp indexedAt = Timestamp.from(now);
        int full = events.size() / ROWS_PER_INSERT;
        if (full > 0) {
            try (PreparedStatement ps = c.prepareStatement(insertSql(ROWS_PER_INSERT))) {
                for (int s = 0; s < full; s++) {
                    bindRows(ps, events, s * ROWS_PER_INSERT, ROWS_PER_INSERT, indexedAt);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        int rest = events.size() - full * ROWS_PER_INSERT;
        if (rest > 0) {
            try (PreparedStatement ps = c.prepareStatement(insertSql(rest))) {
                bindRows(ps, events, full * ROWS_PER_INSERT, rest, indexedAt);
                ps.executeUpdate();
            }
        }
    }

    private static String insertSql(int rows) {
        StringBuilder sb = new StringBuilder(INSERT_EVENTS);
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        return sb.toString();
    }

    private static void bindRows(PreparedStatement ps, List<IndexedEvent> events, int from, int rows, Timestamp indexedAt) throws SQLException {
        int p = 1;
        for (int i = from; i < from + rows; i++) {
            IndexedEvent e = events.get(i);
            ps.setLong(p++, e.blockNumber());
            ps.setString(p++, e.blockHash());
            ps.setString(p++, e.transactionHash());
            ps.setInt(p++, e.eventIndex());
            ps.setString(p++, e.contractAddress());
            ps.setString(p++, e.eventType());
            ps.setString(p++, json(e.keys()));
            ps.setString(p++, json(e.data()));
            ps.setTimestamp(p++, e.blockTime() == null ? null : Timestamp.from(e.blockTime()));
            ps.setTimestamp(p++, indexedAt);
            ps.setString(p++, e.subject());
            ps.setBigDecimal(p++, e.amount());
            ps.setString(p++, e.label());
        }
    }

    /**
     * Records the subjects of blocks {@code from..to} (whose events were just inserted): the newest filter takes
     * them in while it stays under {@link #EVENTS_PER_BLOOM} events, otherwise they get a filter of their own.
     */
    private static void storeSubjectBloom(Handle h, long from, long to, List<IndexedEvent> events) {
        h.execute("DELETE FROM chain_subject_blooms WHERE from_block >= ?", from);
        Optional<long[]> newest = h.createQuery("SELECT from_block, to_block, events FROM chain_subject_blooms WHERE from_block < :f "
                        + "ORDER BY from_block DESC LIMIT 1").bind("f", from)
                .map((rs, c) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).findOne();
        if (newest.isPresent() && (newest.get()[1] >= from || newest.get()[2] + events.size() <= EVENTS_PER_BLOOM)) {
            rebuildSubjectBloom(h, newest.get()[0], to);
            return;
        }
        insertSubjectBloom(h, from, to, events.size(), events.stream().map(IndexedEvent::subject).toList());
    }

    /** Replaces the filter starting at {@code from} by one over the stored events of blocks {@code from..to}. */
    private static void rebuildSubjectBloom(Handle h, long from, long to) {
        List<String> subjects = h.createQuery("SELECT subject FROM blockchain_events WHERE block_number >= :a AND block_number <= :b")
                .bind("a", from).bind("b", to).map((rs, c) -> rs.getString(1)).list();
        h.execute("DELETE FROM chain_subject_blooms WHERE from_block = ?", from);
        insertSubjectBloom(h, from, to, subjects.size(), subjects);
    }

    private static void insertSubjectBloom(Handle h, long from, long to, int events, Collection<String> subjects) {
        h.execute("INSERT INTO chain_subject_blooms (from_block, to_block, events, bloom) VALUES (?, ?, ?, ?)",
                from, to, events, SubjectBloom.of(subjects));
    }

    /**
     * Gives filters to events indexed before subject filters existed (everything below the oldest filter), in
     * runs of whole blocks of about {@link #EVENTS_PER_BLOOM} events. Lookups are right without this (they read
     * uncovered blocks directly), only slower.
     *
     * @return how many filters were written
     */
    public int backfillSubjectBlooms() {
        return db.jdbi().inTransaction(h -> {
            Optional<Long> oldest = Optional.ofNullable(h.createQuery("SELECT MIN(from_block) FROM chain_subject_blooms").mapTo(Long.class).one());
            long upTo = oldest.map(b -> b - 1).orElse(Long.MAX_VALUE);
            int[] written = {0};
            long[] run = {-1, -1, 0}; // from, last block, events
            Set<String> subjects = new HashSet<>();
            h.createQuery("SELECT block_number, subject FROM blockchain_events WHERE block_number <= :u ORDER BY block_number")
                    .bind("u", upTo).setFetchSize(1_000)
                    .map((rs, c) -> new BlockSubject(rs.getLong(1), rs.getString(2)))
                    .forEach(row -> {
                        long block = row.block();
                        if (run[0] >= 0 && block != run[1] && run[2] >= EVENTS_PER_BLOOM) {
                            insertSubjectBloom(h, run[0], block - 1, (int) run[2], subjects);
                            written[0]++;
                            subjects.clear();
                            run[0] = -1;
                            run[2] = 0;
                        }
                        if (run[0] < 0) {
                            run[0] = block;
                        }
                        run[1] = block;
                        run[2]++;
                        subjects.add(row.subject());
                    });
            if (run[0] >= 0) {
                insertSubjectBloom(h, run[0], oldest.map(b -> b - 1).orElse(run[1]), (int) run[2], subjects);
                written[0]++;
            }
            return written[0];
        });
    }

    private record BlockSubject(long block, String subject) {
    }

    private static void setState(Handle h, String chainId, long block, String hash, Instant time, Instant now) {
        OffsetDateTime t = time == null ? null : OffsetDateTime.ofInstant(time, ZoneOffset.UTC);
        int n = h.createUpdate("UPDATE indexer_state SET chain_id = :c, last_block_number = :b, last_block_hash = :h, "
                        + "last_block_time = :t, updated_at = :u WHERE indexer_name = :n")
                .bind("c", chainId).bind("b", block).bind("h", hash).bind("t", t)
                .bind("u", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).bind("n", INDEXER).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO indexer_state (indexer_name, chain_id, last_block_number, last_block_hash, last_block_time, updated_at) "
                            + "VALUES (:n, :c, :b, :h, :t, :u)")
                    .bind("c", chainId).bind("b", block).bind("h", hash).bind("t", t)
                    .bind("u", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).bind("n", INDEXER).execute();
        }
    }

    /** Known block hashes at or below {@code atOrBelow}, newest first: the candidates for a fork point. */
    public List<BlockHeader> knownBlocks(long atOrBelow, int limit) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT block_number, block_hash, parent_hash, block_time FROM chain_blocks "
                        + "WHERE block_number <= :b ORDER BY block_number DESC LIMIT :l").bind("b", atOrBelow).bind("l", limit)
                .map((rs, c) -> new BlockHeader(rs.getLong(1), rs.getString(2), rs.getString(3),
                        instant(rs.getObject(4, OffsetDateTime.class)), List.of()))
                .list());
    }

    /**
     * Rewinds to the fork point: deletes what was indexed above it and moves the state there.
     *
     * @return how many events were orphaned
     */
    public int rewind(String chainId, long oldTip, long forkBlock, String forkHash, Instant forkTime, Instant now) {
        return db.jdbi().inTransaction(h -> {
            int deleted = h.execute("DELETE FROM blockchain_events WHERE block_number > ?", forkBlock);
            h.execute("DELETE FROM chain_blocks WHERE block_number > ?", forkBlock);
            h.execute("DELETE FROM chain_subject_blooms WHERE from_block > ?", forkBlock);
            // A filter that reached above the fork point is rebuilt from the events that remain below it.
            h.createQuery("SELECT from_block FROM chain_subject_blooms WHERE to_block > :f").bind("f", forkBlock).mapTo(Long.class)
                    .findOne().ifPresent(a -> rebuildSubjectBloom(h, a, forkBlock));
            setState(h, chainId, forkBlock, forkHash, forkTime, now);
            h.execute("INSERT INTO chain_reorgs (detected_at, old_tip, fork_block, depth, orphaned_events) VALUES (?, ?, ?, ?, ?)",
                    OffsetDateTime.ofInstant(now, ZoneOffset.UTC), oldTip, forkBlock, Math.max(0, oldTip - forkBlock), deleted);
            return deleted;
        });
    }

    /** A rewind the indexer performed ({@code chain_reorgs}). */
    public record StoredReorg(long id, Instant detectedAt, long oldTip, long forkBlock, long depth, int orphanedEvents) {
    }

    /** The newest {@code limit} rewinds, newest first. */
    public List<StoredReorg> reorgs(int limit) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id, detected_at, old_tip, fork_block, depth, orphaned_events FROM chain_reorgs "
                        + "ORDER BY id DESC LIMIT :n").bind("n", limit)
                .map((rs, c) -> new StoredReorg(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getInt(6))).list());
    }

    /** How many rewinds are recorded. */
    public long reorgCount() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM chain_reorgs").mapTo(Long.class).one());
    }

    public long eventCount() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM blockchain_events").mapTo(Long.class).one());
    }

    // ---- decoded aggregates -------------------------------------------------------------------------------

    /** Stake per validator from Staked minus Unstaked and Slashed events of the staking contract. */
    public Map<String, BigDecimal> stakes() {
        return sums("SELECT subject, SUM(CASE WHEN event_type = 'Staked' THEN amount ELSE -amount END) FROM blockchain_events "
                + "WHERE event_type IN ('Staked', 'Unstaked', 'Slashed') AND subject IS NOT NULL AND amount IS NOT NULL GROUP BY subject");
    }

    /** Latest reputation score per validator. */
    public Map<String, BigDecimal> reputations() {
        return sums("SELECT e.subject, e.amount FROM blockchain_events e JOIN (SELECT subject, MAX(id) AS id FROM blockchain_events "
                + "WHERE event_type = 'ReputationUpdated' GROUP BY subject) m ON e.id = m.id");
    }

    /** Counts of an event type grouped by subject or label ({@code column} is one of those two, never user input). */
    public Map<String, BigDecimal> countBy(String eventType, String column) {
        if (!column.equals("subject") && !column.equals("label")) {
            throw new IllegalArgumentException(column);
        }
        return sums("SELECT " + column + ", COUNT(*) FROM blockchain_events WHERE event_type = ? AND " + column
                + " IS NOT NULL GROUP BY " + column, eventType);
    }

    public long count(String eventType) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM blockchain_events WHERE event_type = :t")
                .bind("t", eventType).mapTo(Long.class).one());
    }

    private Map<String, BigDecimal> sums(String sql, String... binds) {
        return db.jdbi().withHandle(h -> {
            Map<String, BigDecimal> out = new LinkedHashMap<>();
            var q = h.createQuery(sql);
            for (int i = 0; i < binds.length; i++) {
                q.bind(i, binds[i]);
            }
            q.map((rs, c) -> Map.entry(rs.getString(1), rs.getBigDecimal(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    /** Reward accrual and claim totals for one validator. */
    public Map<String, BigDecimal> rewardTotals(String validator) {
        return sums("SELECT event_type, SUM(amount) FROM blockchain_events WHERE event_type IN ('RewardAccrued', 'RewardClaimed') "
                + "AND subject = ? GROUP BY event_type", validator);
    }

    /**
     * Newest events first, optionally filtered; {@code subject}, {@code contract} and {@code type} may be null.
     * With a subject, only the block ranges whose {@link SubjectBloom} may hold it are read, newest first, until
     * {@code limit} events are found.
     */
    public List<StoredEvent> events(String contract, String type, String subject, List<String> types, long beforeId, int limit) {
        StringBuilder sql = new StringBuilder();
        Map<String, Object> binds = new LinkedHashMap<>();
        if (contract != null) {
            sql.append(" AND contract_address = :contract");
            binds.put("contract", contract);
        }
        if (type != null) {
            sql.append(" AND event_type = :type");
            binds.put("type", type);
        }
        if (types != null) {
            sql.append(" AND event_type IN (<types>)");
        }
        if (subject != null) {
            sql.append(" AND subject = :subject");
            binds.put("subject", subject);
        }
        EventFilter filter = new EventFilter(sql.toString(), binds, types);
        return db.jdbi().withHandle(h -> subject == null ? newestEvents(h, filter, "", beforeId, limit)
                : eventsOfSubject(h, filter, subject, beforeId, limit));
    }

    /** The conditions of an events query after its cursor or block range ({@code " AND ..."}), and their values. */
    private record EventFilter(String sql, Map<String, Object> binds, List<String> types) {
        Query bind(Query q) {
            binds.forEach(q::bind);
            if (types != null) {
                q.bindList("types", types);
            }
            return q;
        }
    }

    private static List<StoredEvent> eventsOfSubject(Handle h, EventFilter filter, String subject, long beforeId, int limit) {
        List<StoredEvent> out = new ArrayList<>();
        // Ranges above the block of the newest event below the cursor hold nothing the page can show.
        Optional<Long> top = h.createQuery("SELECT block_number FROM blockchain_events WHERE id < :before ORDER BY id DESC LIMIT 1")
                .bind("before", beforeId).mapTo(Long.class).findOne();
        if (top.isEmpty()) {
            return out;
        }
        long below = top.get() + 1;
        long lowestCovered = Long.MAX_VALUE;
        while (out.size() < limit) {
            List<BloomRange> ranges = h.createQuery("SELECT from_block, to_block, bloom FROM chain_subject_blooms WHERE from_block < :b "
                            + "ORDER BY from_block DESC LIMIT " + BLOOM_ROWS_PER_READ).bind("b", below)
                    .map((rs, c) -> new BloomRange(rs.getLong(1), rs.getLong(2), rs.getBytes(3))).list();
            if (ranges.isEmpty()) {
                break;
            }
            for (BloomRange r : ranges) {
                lowestCovered = r.from();
                if (SubjectBloom.mayContain(r.bloom(), subject)) {
                    out.addAll(rangeEvents(h, filter, r, beforeId, limit - out.size()));
                    if (out.size() >= limit) {
                        return out;
                    }
                }
            }
            below = lowestCovered;
        }
        // Events indexed before the filters existed and not yet covered by backfillSubjectBlooms() are read directly.
        if (lowestCovered == Long.MAX_VALUE) {
            out.addAll(newestEvents(h, filter, "", beforeId, limit - out.size()));
        } else if (out.size() < limit && lowestCovered > h.createQuery("SELECT MIN(block_number) FROM blockchain_events").mapTo(Long.class).one()) {
            out.addAll(newestEvents(h, filter, " AND block_number < " + lowestCovered, beforeId, limit - out.size()));
        }
        return out;
    }

    private record BloomRange(long from, long to, byte[] bloom) {
    }

    /**
     * One filter's block range, read through the block-number index and ordered here. The cursor is applied here
     * too: with {@code id < :before} (or {@code ORDER BY id DESC LIMIT}) in the query, both stores walked the
     * primary key over the whole table instead.
     */
    private static List<StoredEvent> rangeEvents(Handle h, EventFilter filter, BloomRange r, long beforeId, int limit) {
        Query q = filter.bind(h.createQuery(SELECT_EVENTS + " WHERE block_number >= :lo AND block_number <= :hi" + filter.sql()))
                .bind("lo", r.from()).bind("hi", r.to());
        List<StoredEvent> rows = new ArrayList<>();
        for (StoredEvent e : q.map(ChainRepository::storedEvent).list()) {
            if (e.id() < beforeId) {
                rows.add(e);
            }
        }
        rows.sort(Comparator.comparingLong(StoredEvent::id).reversed());
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }

    /** The newest {@code limit} events below the cursor that match the filter and {@code extra}. */
    private static List<StoredEvent> newestEvents(Handle h, EventFilter filter, String extra, long beforeId, int limit) {
        return filter.bind(h.createQuery(SELECT_EVENTS + " WHERE id < :before" + filter.sql() + extra + " ORDER BY id DESC LIMIT :limit"))
                .bind("before", beforeId).bind("limit", limit)
                .map(ChainRepository::storedEvent).list();
    }

    private static StoredEvent storedEvent(ResultSet rs, StatementContext c) throws SQLException {
        return new StoredEvent(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs.getObject(10, OffsetDateTime.class)),
                rs.getString(11), rs.getBigDecimal(12), rs.getString(13));
    }

    /** A row of {@code blockchain_events} as the API shows it. */
    public record StoredEvent(long id, long blockNumber, String blockHash, String transactionHash, int eventIndex,
                              String contractAddress, String eventType, String keys, String data, Instant blockTime,
                              String subject, BigDecimal amount, String label) {
    }

    /** Every indexed event's identity and content in chain order (tests and tools compare it to the chain). */
    public List<String> eventFingerprints() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT block_number, block_hash, transaction_hash, event_index, contract_address, "
                        + "event_keys, event_data FROM blockchain_events ORDER BY block_number, transaction_hash, event_index")
                .map((rs, c) -> rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getInt(4) + "|"
                        + rs.getString(5) + "|" + rs.getString(6) + "|" + rs.getString(7)).list());
    }

    // ---- audit checkpoints ------------------------------------------------------------------------------

    /** The head of the audit log's hash chain: highest id and its entry hash. */
    public Optional<Map.Entry<Long, String>> auditHead() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id, entry_hash FROM audit_log ORDER BY id DESC LIMIT 1")
                .map((rs, c) -> Map.entry(rs.getLong(1), rs.getString(2))).findOne());
    }

    /** One audit row with the fields its hash covers. */
    public record AuditRow(long id, Instant occurredAt, String actor, String action, String parameters, String result,
                           String sourceIp, String prevHash, String entryHash) {
    }

    /** Audit rows in id order, one page at a time (the log can be long). */
    public List<AuditRow> auditRows(long afterId, int limit) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id, occurred_at, actor, action, parameters, result, source_ip, prev_hash, entry_hash "
                        + "FROM audit_log WHERE id > :a ORDER BY id LIMIT :l").bind("a", afterId).bind("l", limit)
                .map((rs, c) -> new AuditRow(rs.getLong(1), instant(rs.getObject(2, OffsetDateTime.class)), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9))).list());
    }

    /** A stored checkpoint. */
    public record Checkpoint(long id, long auditEntryId, String auditEntryHash, String signature, String publicKey,
                             Instant createdAt, String chainTxHash, String publishError) {
    }

    public long insertCheckpoint(long entryId, String entryHash, String signature, String publicKey, Instant at) {
        return db.jdbi().withHandle(h -> h.createUpdate("INSERT INTO audit_checkpoints (audit_entry_id, audit_entry_hash, signature, public_key, created_at) "
                        + "VALUES (:e, :h, :s, :k, :t)").bind("e", entryId).bind("h", entryHash).bind("s", signature).bind("k", publicKey)
                .bind("t", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    public void checkpointPublished(long id, String txHash, String error) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE audit_checkpoints SET chain_tx_hash = :tx, publish_error = :e WHERE id = :id")
                .bind("tx", txHash).bind("e", error).bind("id", id).execute());
    }

    public Optional<Checkpoint> latestCheckpoint() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT id, audit_entry_id, audit_entry_hash, signature, public_key, created_at, "
                        + "chain_tx_hash, publish_error FROM audit_checkpoints ORDER BY id DESC LIMIT 1")
                .map((rs, c) -> new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        instant(rs.getObject(6, OffsetDateTime.class)), rs.getString(7), rs.getString(8))).findOne());
    }

    /** Whether the chain index holds a CheckpointPublished event for this audit entry. */
    public boolean checkpointOnChain(String entryIdFelt) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM blockchain_events WHERE event_type = 'CheckpointPublished' AND subject = :s")
                .bind("s", entryIdFelt).mapTo(Long.class).one()) > 0;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static String json(List<String> felts) {
        StringBuilder sb = new StringBuilder(felts.size() * 68 + 2).append('[');
        for (int i = 0; i < felts.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(felts.get(i)).append('"');
        }
        return sb.append(']').toString();
    }
}
