package org.unionledger.api.axon;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tells Axon's JDBC event store that PostgreSQL refused an event because another node appended the
 * same (aggregate, sequence) first. Axon's default, JdbcSQLErrorCodesResolver, only recognises
 * {@link SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws (it
 * throws PSQLException with SQLState 23505, inside a BatchUpdateException): two nodes writing the
 * same fund then answered 500 instead of 409 CONCURRENT_MODIFICATION. Found by scripts/faults (F8).
 */
public final class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    /** PostgreSQL's SQLState for unique_violation. */
    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        int depth = 0;
        for (Throwable cause = exception; cause != null && depth < 50; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null && depth < 50; next = next.getNextException(), depth++) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
            if (cause instanceof BatchUpdateException batch && batch.getNextException() != null
                    && UNIQUE_VIOLATION.equals(batch.getNextException().getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Replaces Axon's auto-configured resolver (it is conditional on a missing bean). */
    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        PersistenceExceptionResolver persistenceExceptionResolver() {
            return new PostgresDuplicateKeyResolver();
        }
    }
}
