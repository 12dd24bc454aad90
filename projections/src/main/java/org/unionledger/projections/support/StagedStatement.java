package org.unionledger.projections.support;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * SQL that must commit with a unit of work's events, staged with
 * {@link LedgerJdbcEventStorageEngine#stage} to reach PostgreSQL in the same round trip as the
 * events' insert, and before it.
 */
public interface StagedStatement {

    /** One statement, or several separated by semicolons. */
    String sql();

    /** How many statements {@link #sql()} holds: each gives one result. */
    int statements();

    /** Binds the parameters, the first at index {@code first}; returns the index after the last. */
    int bind(PreparedStatement statement, int first) throws SQLException;

    /**
     * Reads the rows of the last of its statements (null when that one returns none). Throwing
     * here refuses the unit of work: it rolls back, events and all.
     */
    default void read(ResultSet lastRows) throws SQLException {
    }

    /**
     * True when PostgreSQL alone decides whether this statement lets the unit of work commit: it
     * fails to refuse, and {@link #read} refuses nothing. When every statement staged with a unit
     * of work's events says so, the commit goes in the same round trip (setting 81).
     */
    default boolean decidedInSql() {
        return false;
    }

    /** Its own failure as the domain names it, or null to let the event store name the failure. */
    default RuntimeException translate(SQLException failure) {
        return null;
    }
}
