package org.unionledger.api.database;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL runs with the settings the ledger gives it: durable commits, and the
 * buffer cache of {@code ledger.db.embedded.shared-buffers} (docs/PERFORMANCE.md, setting 68).
 */
class EmbeddedPostgresSettingsTest {

    @Test
    void sharedBuffersAndDurabilityAreThoseConfigured() throws Exception {
        Path dataDir = Files.createTempDirectory("ledger-settings").resolve("postgres");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                new LedgerDatabaseProperties.Embedded(dataDir, true, 0, "192MB"));
             Connection connection = DriverManager.getConnection(server.jdbcUrl())) {
            assertThat(show(connection, "shared_buffers"), equalTo("192MB"));
            assertThat(show(connection, "wal_buffers"), equalTo("6MB"));
            assertThat(show(connection, "fsync"), equalTo("on"));
            assertThat(show(connection, "synchronous_commit"), equalTo("on"));
        }
    }

    @Test
    void theDefaultIsAGigabyte() {
        assertThat(LedgerDatabaseProperties.Embedded.in(Path.of("data"), false).sharedBuffers(), equalTo("1GB"));
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
