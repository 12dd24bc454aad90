package org.unionledger.projections.journal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.unionledger.projections.support.TestDatabase;

/**
 * {@code ledger_require_open_period} (V509): the closed-period check a money command sends with its
 * events, against a real PostgreSQL. The closes are rows of the event table as Axon's Jackson
 * serializer writes them.
 */
class OpenPeriodCheckFunctionTest {

    private static final String CLOSED_TYPE = "org.unionledger.core.period.PeriodEvents$AccountingPeriodClosed";

    private Connection connection;
    private final String periodsId = "periods-" + UUID.randomUUID();
    private long sequence;

    @BeforeEach
    void connect() throws SQLException {
        connection = TestDatabase.dataSource().getConnection();
        connection.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        connection.rollback();
        connection.close();
    }

    @Test
    void anOrganisationWithoutACloseTakesMoneyOfAnyDate() {
        assertDoesNotThrow(() -> check("1", LocalDate.of(2020, 1, 1)));
    }

    @Test
    void moneyOnOrBeforeTheLastClosedThroughDateIsRefusedWithThatDate() throws SQLException {
        close("2026-09-30");
        close("2026-10-31");

        var refused = assertThrows(PSQLException.class, () -> check("1", LocalDate.of(2026, 10, 31)));
        assertThat(refused.getSQLState(), equalTo("UL502"));
        assertThat(refused.getServerErrorMessage().getDetail(), equalTo("2026-10-31"));
        connection.rollback();

        assertDoesNotThrow(() -> check("1", LocalDate.of(2026, 11, 1)));
    }

    @Test
    void aCloseOfAnotherRevisionIsLeftToTheLedgersJava() throws SQLException {
        close("2026-10-31");

        var refused = assertThrows(PSQLException.class, () -> check("2", LocalDate.of(2026, 11, 1)));
        assertThat(refused.getSQLState(), equalTo("UL501"));
    }

    private void check(String revision, LocalDate date) throws SQLException {
        try (PreparedStatement call = connection.prepareStatement("SELECT ledger_require_open_period(?, ?, ?, ?)")) {
            call.setString(1, periodsId);
            call.setString(2, CLOSED_TYPE);
            call.setString(3, revision);
            call.setObject(4, date);
            call.execute();
        }
    }

    private void close(String closedThrough) throws SQLException {
        String payload = "{\"orgId\":\"org\",\"month\":\"" + closedThrough.substring(0, 7) + "\",\"closedThrough\":\""
                + closedThrough + "\",\"note\":null,\"closedBy\":\"finance\"}";
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domainevententry (eventidentifier,"
                + " aggregateidentifier, sequencenumber, type, timestamp, payloadtype, payloadrevision, payload,"
                + " metadata) VALUES (?, ?, ?, 'AccountingPeriods', '2026-11-01T00:00:00Z', ?, '1', ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, periodsId);
            insert.setLong(3, sequence++);
            insert.setString(4, CLOSED_TYPE);
            insert.setBytes(5, payload.getBytes(StandardCharsets.UTF_8));
            insert.setBytes(6, "{}".getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }
}
