package dev.opsdeck.backend.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh PostgreSQL database per test backend, created on the server named by the system property
 * {@code opsdeck.test.pg.url} (set by the parent POM; {@code .ci/run} makes sure a server runs) and dropped
 * afterwards. A server that cannot be reached fails the test: PostgreSQL is part of the suite, not optional.
 */
public final class PgTestDatabase implements AutoCloseable {
    private final String adminUrl;
    private final String name;

    private PgTestDatabase(String adminUrl, String name) {
        this.adminUrl = adminUrl;
        this.name = name;
    }

    public static String adminUrl() {
        return System.getProperty("opsdeck.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=postgres");
    }

    public static PgTestDatabase create() {
        String admin = adminUrl();
        String name = "opsdeck_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests is not reachable at " + admin
                    + " (run .ci/run, or start a server and set -Dopsdeck.test.pg.url): " + e.getMessage(), e);
        }
        return new PgTestDatabase(admin, name);
    }

    /** JDBC URL of the new database (same server and credentials as the admin URL). */
    public String jdbcUrl() {
        return adminUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // Leaves a stray test database behind; not worth failing the test for.
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }
}
