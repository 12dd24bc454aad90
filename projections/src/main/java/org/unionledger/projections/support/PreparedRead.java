package org.unionledger.projections.support;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.jooq.DSLContext;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.TableRecord;

/**
 * A portal read of one table's rows whose SQL is rendered once and then only given values: the
 * read side's {@link PreparedWrite}, with the same placeholders, checks and rendering. Rendering a
 * jOOQ select for every request took about a seventh of a portal request thread's CPU in P4's
 * profile (docs/PERFORMANCE.md, setting 58); the rows are still read and typed by jOOQ.
 *
 * <p>For the few reads every portal page makes; a read whose shape depends on its arguments stays
 * an ordinary jOOQ query.
 */
public final class PreparedRead<R extends TableRecord<R>> {

    private final Table<R> table;
    private final PreparedWrite statement;

    private PreparedRead(Table<R> table, PreparedWrite statement) {
        this.table = table;
        this.statement = statement;
    }

    /**
     * A read of {@code table}'s rows by {@code query} ({@code selectFrom(table)...}), whose values are
     * all {@link PreparedWrite#value(String, org.jooq.Field) placeholders} and whose constants are
     * inlined (a limit too: {@code limit(DSL.inline(n))}); the name appears in error messages.
     */
    public static <R extends TableRecord<R>> PreparedRead<R> of(String name, Table<R> table, ResultQuery<R> query) {
        return new PreparedRead<>(table, PreparedWrite.of(name, query));
    }

    /** The rows for these values, given in the order of the query's placeholders. */
    public Result<R> fetch(DSLContext db, Object... values) {
        statement.check(values);
        String sql = statement.sql(db);
        return db.connectionResult(connection -> {
            try (PreparedStatement prepared = connection.prepareStatement(sql)) {
                statement.bind(prepared, values);
                try (ResultSet rows = prepared.executeQuery()) {
                    return db.fetch(rows, table.fields()).into(table);
                }
            }
        });
    }

    /** The first row for these values, or null. */
    public R fetchFirst(DSLContext db, Object... values) {
        Result<R> rows = fetch(db, values);
        return rows.isEmpty() ? null : rows.get(0);
    }
}
