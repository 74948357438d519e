package dev.opsdeck.backend.platform;

import dev.opsdeck.backend.platform.store.Database;
import dev.opsdeck.backend.platform.store.DatabaseUrls;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Java closes a FileChannel when the thread using it is interrupted, and H2 then closes the whole database for every
 * thread ("The database has been closed"). A coordinator interrupts threads on purpose (an executor's shutdownNow,
 * a cancelled task), so one such interrupt in the middle of a write must cost at most that write, never the store:
 * for the embedded default and for an H2 file an operator names in {@code DATABASE_URL}.
 */
class H2InterruptTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "DATABASE_URL given: {0}")
    @ValueSource(booleans = {false, true})
    void aWriteOnAnInterruptedThreadLeavesTheStoreOpenForEveryone(boolean userGiven) throws SQLException {
        String file = dir.toAbsolutePath().resolve("opsdeck").toString().replace('\\', '/');
        // WRITE_DELAY=0 puts the file write on the committing (interrupted) thread, as the default URL does.
        String url = userGiven ? DatabaseUrls.toJdbc("jdbc:h2:file:" + file + ";MODE=PostgreSQL;WRITE_DELAY=0") : DatabaseUrls.h2File(dir);
        try (Database db = Database.open(url, 2)) {
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE interrupt_probe (id INT PRIMARY KEY, v VARCHAR(10))");
                // With the interrupt flag set, the next channel write is the one Java closes the channel on.
                Thread.currentThread().interrupt();
                try {
                    st.execute("INSERT INTO interrupt_probe VALUES (1, 'during')");
                } finally {
                    Thread.interrupted();
                }
            }
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("INSERT INTO interrupt_probe VALUES (2, 'after')");
                try (ResultSet rs = st.executeQuery("SELECT v FROM interrupt_probe ORDER BY id")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("during");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("after");
                }
            }
        }
        // And what was committed is in the file: a fresh open reads both rows.
        try (Database db = Database.open(url, 1);
             Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM interrupt_probe")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(db.description()).isEqualTo("H2 file " + file + ".mv.db");
        }
    }
}
