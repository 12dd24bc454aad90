package org.unionledger.projections.support;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Insert;
import org.jooq.InsertValuesStepN;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.conf.ParamType;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;

/**
 * A projection write whose SQL is rendered once and then only given values, event after event
 * ({@link BatchedWrites#execute(DSLContext, PreparedWrite, Object...)}). Rendering a jOOQ query
 * with its values inlined for every event, and PostgreSQL's driver parsing that text again, cost
 * most of a replaying processor's CPU; a prepared statement skips both and lets consecutive
 * executions go out as one JDBC batch.
 *
 * <p>The query is built with jOOQ as usual, so it stays checked against the generated tables,
 * with a named placeholder ({@link #value(String, Field)}) wherever a value goes. Values are
 * given in the order the placeholders appear in the rendered SQL, which is the order they appear
 * in the builder code; each placeholder appears once. That is checked when the write is made (no
 * placeholder twice, no unnamed value), the order when it is first rendered, and each value's
 * number and type when it is given.
 *
 * <p>A projection's writes go out in the order they were queued. A run of one statement goes
 * out as one batch, so a projection that alternates between an insert and an update per entity
 * would pay a round trip per run. {@link #ofInsertFirst(String, Query)} takes its inserts out of
 * that order: they go out first, before every other write of the transaction.
 *
 * <p>The SQL is rendered lazily with the {@link DSLContext} the write is executed with (its
 * dialect and render mapping, e.g. a scratch schema) and remembered in that context's
 * configuration.
 */
public final class PreparedWrite {

    private static final StackWalker CALLER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final String name;
    private final Query query;
    private final Object lane;
    private final Folding folding;
    private final List<Param<?>> placeholders;

    private PreparedWrite(String name, Query query, Object lane, Folding folding) {
        this.name = name;
        this.lane = lane;
        this.query = query;
        this.folding = folding;
        // Inlined constants are params too (a limit is made one): only the ones bound are placeholders.
        this.placeholders = query.getParams().values().stream().filter(param -> !param.isInline()).toList();
        if (query.getBindValues().size() != placeholders.size()) {
            throw new IllegalArgumentException(name + ": a placeholder appears twice; give each place its own name");
        }
        for (Param<?> placeholder : placeholders) {
            String paramName = placeholder.getParamName();
            if (paramName == null || paramName.isEmpty() || !Character.isLetter(paramName.charAt(0))) {
                throw new IllegalArgumentException(name + ": every value must be a named placeholder "
                        + "(PreparedWrite.value), constants must be DSL.inline(...), found bind value "
                        + placeholder.getValue());
            }
        }
    }

    /**
     * A write from a query whose values are all {@link #value(String, Field) placeholders}; the name
     * appears in error messages.
     */
    public static PreparedWrite of(String name, Query query) {
        return new PreparedWrite(name, query, CALLER.getCallerClass(), null);
    }

    /**
     * An insert whose executions go out before every other write of the transaction, in the order
     * they were queued. For an insert of a new entity's row (ON CONFLICT DO NOTHING) whose later
     * updates are queued in the same transaction: they then find the row, and consecutive updates
     * stay one batch. Only for a row that no earlier write of the transaction needs to be absent.
     */
    public static PreparedWrite ofInsertFirst(String name, Insert<?> insert) {
        return new PreparedWrite(name, insert, new InsertsFirst(CALLER.getCallerClass()), null);
    }

    /**
     * This write, with the consecutive executions that go out together folded into fewer first
     * (see {@link Folding}); for an update whose update count tells whether it applied.
     */
    public PreparedWrite foldedBy(Folding folding) {
        return new PreparedWrite(name, query, lane, folding);
    }

    /** How this write's consecutive executions are folded, or null when they all go out as queued. */
    Folding folding() {
        return folding;
    }

    /**
     * The lane of this write's projection (the class that made it): its statements keep their order
     * at commit. Inserts that go first have a lane of their own.
     */
    Object lane() {
        return lane;
    }

    /** Whether this write's lane goes out before the others ({@link #ofInsertFirst(String, Insert)}). */
    boolean first() {
        return lane instanceof InsertsFirst;
    }

    /** A placeholder for a value of {@code column}'s type. */
    public static <T> Param<T> value(String placeholderName, Field<T> column) {
        return DSL.param(placeholderName, column);
    }

    /** A placeholder named after {@code column}, for statements that mention the column once. */
    public static <T> Param<T> value(Field<T> column) {
        return DSL.param(column.getName(), column);
    }

    /** A placeholder for a value that is no column's, a flag for instance. */
    public static <T> Param<T> value(String placeholderName, DataType<T> type) {
        return DSL.param(placeholderName, type);
    }

    /**
     * {@code INSERT INTO table (columns) VALUES (...)} with a placeholder per column, named after
     * it: the values go in the order of {@code columns}.
     */
    public static <R extends Record> InsertValuesStepN<R> insertInto(Table<R> table, Field<?>... columns) {
        List<Param<?>> values = new ArrayList<>(columns.length);
        for (Field<?> column : columns) {
            values.add(value(column));
        }
        return DSL.insertInto(table, columns).values(values);
    }

    /** Checks the values before they are queued, so a mistake fails in the handler that made it. */
    void check(Object[] values) {
        if (values.length != placeholders.size()) {
            throw new IllegalArgumentException(name + " takes " + placeholders.size() + " values "
                    + placeholderNames() + ", got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            Class<?> type = placeholders.get(i).getType();
            if (values[i] != null && !type.isInstance(values[i])) {
                throw new IllegalArgumentException(name + ": " + placeholders.get(i).getParamName() + " takes a "
                        + type.getSimpleName() + ", got a " + values[i].getClass().getSimpleName());
            }
        }
    }

    /** The SQL with {@code ?} placeholders, rendered once per jOOQ configuration. */
    String sql(DSLContext db) {
        Configuration configuration = db.configuration();
        Map<Object, Object> cache = configuration.data();
        if (cache.get(this) instanceof Rendered rendered && rendered.configuration() == configuration) {
            return rendered.sql();
        }
        // A configuration derived from this one copies its data: the identity check above makes
        // sure a derived configuration (other settings, other schema) renders its own SQL.
        DSLContext rendering = DSL.using(configuration.deriveSettings(settings -> settings
                .withParamType(ParamType.INDEXED).withStatementType(StatementType.PREPARED_STATEMENT)));
        String sql = rendering.render(query);
        checkPlaceholderOrder(rendering.renderNamedParams(query));
        cache.put(this, new Rendered(configuration, sql));
        return sql;
    }

    /** Values are bound in the order jOOQ lists the placeholders: make sure that is the SQL's order. */
    private void checkPlaceholderOrder(String namedSql) {
        int from = 0;
        for (Param<?> placeholder : placeholders) {
            String marker = ":" + placeholder.getParamName();
            int at = namedSql.indexOf(marker, from);
            while (at >= 0 && at + marker.length() < namedSql.length()
                    && Character.isJavaIdentifierPart(namedSql.charAt(at + marker.length()))) {
                at = namedSql.indexOf(marker, at + 1);
            }
            if (at < 0) {
                throw new IllegalStateException(name + ": placeholders are not rendered in the order "
                        + placeholderNames() + ": " + namedSql);
            }
            from = at + marker.length();
        }
    }

    /** Binds checked values, java.time ones as PostgreSQL's driver maps them (date, timestamptz). */
    void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            int index = i + 1;
            Object value = values[i];
            if (value == null) {
                statement.setNull(index, sqlTypeOf(placeholders.get(i).getType()));
            } else if (value instanceof String text) {
                statement.setString(index, text);
            } else if (value instanceof Long number) {
                statement.setLong(index, number);
            } else if (value instanceof Integer number) {
                statement.setInt(index, number);
            } else {
                statement.setObject(index, value);
            }
        }
    }

    private static int sqlTypeOf(Class<?> type) {
        if (type == String.class) {
            return Types.VARCHAR;
        } else if (type == Long.class) {
            return Types.BIGINT;
        } else if (type == Integer.class) {
            return Types.INTEGER;
        } else if (type == LocalDate.class) {
            return Types.DATE;
        } else if (type == OffsetDateTime.class) {
            // jOOQ renders cast(? as timestamp with time zone) around these; the cast types the null.
            return Types.TIMESTAMP;
        }
        return Types.OTHER;
    }

    private List<String> placeholderNames() {
        List<String> names = new ArrayList<>();
        placeholders.forEach(placeholder -> names.add(placeholder.getParamName()));
        return names;
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * Folds a run of consecutive executions of an update into fewer, such as a processor batch's
     * changes to one row into one change of that row. A folded execution that updates no row did not
     * apply as folded (say a guard found the row had applied some of its members already): its
     * members then run one by one, in their order, as they would have without folding. They also
     * run when the driver does not tell the count, so each member must be guarded so that it
     * changes nothing once the folded execution has applied.
     */
    @FunctionalInterface
    public interface Folding {

        /** The executions, in the order queued, as folded executions that together stand for all. */
        List<Folded> fold(List<Object[]> executions);
    }

    /** One execution's values standing for its members' (its members alone when folding none). */
    public record Folded(Object[] values, List<Object[]> members) {
    }

    private record Rendered(Configuration configuration, String sql) {
    }

    /** The lane of a projection's inserts that go first. */
    private record InsertsFirst(Class<?> projection) {
    }
}
