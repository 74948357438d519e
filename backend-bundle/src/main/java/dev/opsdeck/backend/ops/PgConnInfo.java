package dev.opsdeck.backend.ops;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of a {@code jdbc:postgresql://host:port/db?user=..&password=..} URL that the PostgreSQL client
 * tools need. They get them through {@code PG*} environment variables, so a password never shows in {@code ps}.
 */
record PgConnInfo(String host, int port, String database, String user, String password, String query) {

    static PgConnInfo parse(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL");
        }
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        String query = "";
        int qm = rest.indexOf('?');
        if (qm >= 0) {
            query = rest.substring(qm + 1);
            rest = rest.substring(0, qm);
        }
        int slash = rest.indexOf('/');
        String hostPort = slash >= 0 ? rest.substring(0, slash) : rest;
        String db = slash >= 0 ? rest.substring(slash + 1) : "postgres";
        String host = hostPort;
        int port = 5432;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            port = Integer.parseInt(hostPort.substring(colon + 1));
        }
        String user = null;
        String password = null;
        for (String kv : query.split("&")) {
            String[] p = kv.split("=", 2);
            if (p.length == 2 && p[0].equals("user")) {
                user = URLDecoder.decode(p[1], StandardCharsets.UTF_8);
            } else if (p.length == 2 && p[0].equals("password")) {
                password = URLDecoder.decode(p[1], StandardCharsets.UTF_8);
            }
        }
        return new PgConnInfo(host.isEmpty() ? "localhost" : host, port, db.isEmpty() ? "postgres" : db, user, password, query);
    }

    /** The same server and credentials, another database. */
    PgConnInfo withDatabase(String db) {
        return new PgConnInfo(host, port, db, user, password, query);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    Map<String, String> env() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("PGHOST", host);
        m.put("PGPORT", Integer.toString(port));
        m.put("PGDATABASE", database);
        if (user != null) {
            m.put("PGUSER", user);
        }
        if (password != null) {
            m.put("PGPASSWORD", password);
        }
        return m;
    }
}
