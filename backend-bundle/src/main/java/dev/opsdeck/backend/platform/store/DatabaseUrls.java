package dev.opsdeck.backend.platform.store;

import dev.opsdeck.backend.api.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code DATABASE_URL} into a JDBC URL. Accepts the playbook's and the dashboard guide's forms
 * ({@code postgres://user:pass@host:5432/db?sslmode=disable}, {@code postgresql://...}) and plain
 * {@code jdbc:postgresql:} / {@code jdbc:h2:} URLs.
 */
public final class DatabaseUrls {
    private DatabaseUrls() {
    }

    /** The JDBC URL of the embedded H2 file database under {@code dataDir}. */
    public static String h2File(Path dataDir) {
        // MODE=PostgreSQL + DATABASE_TO_LOWER so that one set of migrations and queries serves both stores.
        // WRITE_DELAY=0: a commit is on disk when it returns, so "200 means committed" holds across a kill.
        // retry: H2 writes through a FileChannel, and Java closes a FileChannel when the thread using it is interrupted;
        // H2 then closes the whole database for every thread. One Thread.interrupt (an executor's shutdownNow, a
        // cancelled task) must not take the store down, so H2's retry: file system reopens the file and carries on.
        // CACHE_SIZE (KB): H2's default page cache is 16 MB, less than the index pages a 10,000-worker fleet writes to
        // (each worker's newest history leaf and its worker_gpus row); the writer then re-read evicted pages. 128 MB:
        // ingest writer CPU -10% (docs/BENCHMARKS.md, workers, session 15). A small store never fills it.
        return "jdbc:h2:retry:file:" + dataDir.toAbsolutePath().resolve("opsdeck").toString().replace('\\', '/')
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=131072";
    }

    public static StoreKind kindOf(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return StoreKind.H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return StoreKind.POSTGRESQL;
        }
        throw new ConfigException("DATABASE_URL", "unsupported database; use a postgres://, postgresql:// or jdbc:postgresql: URL");
    }

    /** Converts a {@code DATABASE_URL} value to a JDBC URL, or throws a one-line {@link ConfigException}. */
    public static String toJdbc(String databaseUrl) {
        String url = databaseUrl.trim();
        if (url.startsWith("jdbc:h2:file:")) {
            // The same protection as the embedded default (see h2File): one interrupted thread must not close the store.
            return "jdbc:h2:retry:file:" + url.substring("jdbc:h2:file:".length());
        }
        if (url.startsWith("jdbc:postgresql:") || url.startsWith("jdbc:h2:")) {
            return url;
        }
        if (!(url.startsWith("postgres://") || url.startsWith("postgresql://"))) {
            throw new ConfigException("DATABASE_URL", "must start with postgres://, postgresql:// or jdbc:postgresql: (was '"
                    + redact(url) + "')");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException("DATABASE_URL", "is not a valid URL: " + e.getReason());
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new ConfigException("DATABASE_URL", "has no host (was '" + redact(url) + "')");
        }
        String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (db.isBlank()) {
            throw new ConfigException("DATABASE_URL", "has no database name (was '" + redact(url) + "')");
        }
        List<String> params = new ArrayList<>();
        if (uri.getRawUserInfo() != null) {
            String[] ui = uri.getRawUserInfo().split(":", 2);
            params.add("user=" + enc(dec(ui[0])));
            if (ui.length > 1) {
                params.add("password=" + enc(dec(ui[1])));
            }
        }
        if (uri.getRawQuery() != null && !uri.getRawQuery().isBlank()) {
            params.add(uri.getRawQuery());
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        return "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + db + (params.isEmpty() ? "" : "?" + String.join("&", params));
    }

    /** The URL with any password replaced, for messages and logs. */
    public static String redact(String url) {
        return url.replaceAll("(://[^:/@]+:)[^@]*@", "$1***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
