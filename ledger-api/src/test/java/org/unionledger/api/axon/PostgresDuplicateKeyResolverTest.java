package org.unionledger.api.axon;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class PostgresDuplicateKeyResolverTest {

    private final PostgresDuplicateKeyResolver resolver = new PostgresDuplicateKeyResolver();

    @Test
    void recognisesPostgresUniqueViolationInsideABatch() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", new int[0]);
        batch.setNextException(new PSQLException("duplicate key value", PSQLState.UNIQUE_VIOLATION));
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("append failed", batch)), is(true));
    }

    @Test
    void recognisesPostgresUniqueViolationAsCause() {
        SQLException unique = new PSQLException("duplicate key value", PSQLState.UNIQUE_VIOLATION);
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(unique)), is(true));
    }

    @Test
    void otherDatabaseFailuresAreNotDuplicates() {
        SQLException down = new PSQLException("connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(down)), is(false));
    }
}
