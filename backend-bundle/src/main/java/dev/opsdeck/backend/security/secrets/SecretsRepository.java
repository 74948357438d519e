package dev.opsdeck.backend.security.secrets;

import dev.opsdeck.backend.platform.store.Database;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The SQL of the secrets store ({@code secrets}, migration V10). */
public final class SecretsRepository {
    /** One stored version. */
    public record Row(String name, int version, String ciphertext, String nonce, String keyId, boolean deleted,
                      Instant createdAt, String createdBy) {
    }

    private static final String LATEST = "SELECT s.* FROM secrets s JOIN (SELECT name, MAX(version) AS v FROM secrets GROUP BY name) m "
            + "ON s.name = m.name AND s.version = m.v";

    private final Database db;

    public SecretsRepository(Database db) {
        this.db = db;
    }

    public Optional<Row> latest(String name) {
        return db.jdbi().withHandle(h -> h.createQuery(LATEST + " WHERE s.name = :name").bind("name", name)
                .map((rs, c) -> row(rs)).findOne());
    }

    /** Latest version of every secret that is not deleted, by name. */
    public List<Row> listLatest() {
        return db.jdbi().withHandle(h -> h.createQuery(LATEST + " WHERE s.deleted = FALSE ORDER BY s.name")
                .map((rs, c) -> row(rs)).list());
    }

    public List<Row> history(String name) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM secrets WHERE name = :name ORDER BY version")
                .bind("name", name).map((rs, c) -> row(rs)).list());
    }

    /**
     * Appends the next version in one transaction. {@code build} gets the new version number and returns the row
     * to insert (it encrypts with the version as associated data). Two writers racing on one name collide on the
     * primary key; the loser's transaction rolls back and the caller sees an exception (a 409 at the route).
     */
    public Row append(String name, java.util.function.IntFunction<Row> build) {
        return db.jdbi().inTransaction(h -> {
            int next = h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM secrets WHERE name = :name")
                    .bind("name", name).mapTo(Integer.class).one();
            Row r = build.apply(next);
            insert(h, r);
            return r;
        });
    }

    /** The distinct key ids rows were encrypted with. */
    public List<String> keyIds() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT key_id FROM secrets").mapTo(String.class).list());
    }

    /** Rewrites every row through {@code reseal} in one transaction: all rows change key, or none does. */
    public int rewriteAll(UnaryOperator<Row> reseal) {
        return db.jdbi().inTransaction(h -> {
            List<Row> rows = h.createQuery("SELECT * FROM secrets ORDER BY name, version").map((rs, c) -> row(rs)).list();
            for (Row r : rows) {
                Row n = reseal.apply(r);
                h.createUpdate("UPDATE secrets SET ciphertext = :ct, nonce = :nonce, key_id = :kid WHERE name = :name AND version = :v")
                        .bind("ct", n.ciphertext()).bind("nonce", n.nonce()).bind("kid", n.keyId())
                        .bind("name", r.name()).bind("v", r.version()).execute();
            }
            return rows.size();
        });
    }

    private static void insert(Handle h, Row r) {
        h.createUpdate("INSERT INTO secrets (name, version, ciphertext, nonce, key_id, deleted, created_at, created_by) "
                        + "VALUES (:name, :v, :ct, :nonce, :kid, :deleted, :at, :by)")
                .bind("name", r.name()).bind("v", r.version()).bind("ct", r.ciphertext()).bind("nonce", r.nonce())
                .bind("kid", r.keyId()).bind("deleted", r.deleted())
                .bind("at", OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC)).bind("by", r.createdBy())
                .execute();
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString("name"), rs.getInt("version"), rs.getString("ciphertext"), rs.getString("nonce"),
                rs.getString("key_id"), rs.getBoolean("deleted"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getString("created_by"));
    }
}
