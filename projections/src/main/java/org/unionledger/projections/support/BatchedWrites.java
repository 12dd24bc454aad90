package org.unionledger.projections.support;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Projection writes sent to PostgreSQL together: an event processor handles a batch of events in
 * one transaction (see AxonConfiguration's batch size); each handler only queues its statements
 * here, and they go out just before that transaction commits, in the order they were queued. That
 * turns two round trips per event into a few per batch, so replays and catch-up run several times
 * faster (docs/PERFORMANCE.md). Outside a transaction (a test calling a handler directly) a
 * statement runs at once.
 *
 * <p>Two kinds of statement can be queued. A {@link PreparedWrite} is rendered once and only bound
 * per event: consecutive executions of the same one go out as one JDBC {@link PreparedStatement}
 * batch (one round trip, no SQL text per event). A jOOQ {@link Query} is rendered with its values
 * for every event; consecutive ones go out as one jOOQ batch. The hot handlers use the first.
 *
 * <p>Several projections can share one event processor, and so one transaction: per event their
 * handlers take turns, and their statements would alternate and go out one at a time. So each
 * projection (the class that queued the statement) has a lane of its own: at commit the lanes
 * go out one after the other, each in the order its statements were queued. Projections own
 * their tables, so only the order within a lane matters. A projection's inserts made with
 * {@link PreparedWrite#ofInsertFirst} have a lane of their own, which goes out before all others.
 * A write {@link PreparedWrite#foldedBy folded} is given each run of its executions to fold into
 * fewer before they go out (a batch's changes to one row as one change).
 *
 * <p>The queue belongs to the Spring transaction, not to Axon's unit of work: a batching unit of
 * work keeps resources per event, the transaction spans the batch. Statements run on the
 * connection the {@link DSLContext} provides, which with Spring Boot's jOOQ set-up (a
 * transaction-aware data source) is the transaction's. A handler that must read what an earlier
 * event of the same batch wrote should not use this.
 */
public final class BatchedWrites {

    /** The most executions sent in one JDBC batch; a processor batch of 200 events stays below it. */
    static final int EXECUTIONS_PER_JDBC_BATCH_MAX = 1_000;

    private static final Object RESOURCE = BatchedWrites.class;
    private static final StackWalker CALLER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private BatchedWrites() {
    }

    /** Queues {@code query} until the current transaction commits, or runs it when there is none. */
    public static void execute(DSLContext db, Query query) {
        Queue queue = currentQueue();
        if (queue == null) {
            query.execute();
            return;
        }
        queue.add(CALLER.getCallerClass(), false, new Write(db, query, null, null));
    }

    /**
     * Queues {@code statement} with {@code values} (in the order of its placeholders) until the
     * current transaction commits, or runs it when there is none.
     */
    public static void execute(DSLContext db, PreparedWrite statement, Object... values) {
        statement.check(values);
        Queue queue = currentQueue();
        if (queue == null) {
            db.connection(connection -> run(connection, db, statement, Collections.singletonList(values)));
            return;
        }
        queue.add(statement.lane(), statement.first(), new Write(db, null, statement, values));
    }

    private static Queue currentQueue() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Queue queue = (Queue) TransactionSynchronizationManager.getResource(RESOURCE);
        if (queue == null) {
            queue = new Queue();
            TransactionSynchronizationManager.bindResource(RESOURCE, queue);
            TransactionSynchronizationManager.registerSynchronization(queue);
        }
        return queue;
    }

    /**
     * Runs one statement for each value list, as JDBC batches of at most the limit; a folded
     * statement first folds them (falling back to the members of a folded execution that updated
     * nothing, or whose count is not known).
     */
    private static void run(Connection connection, DSLContext db, PreparedWrite statement, List<Object[]> valueLists) {
        String sql = statement.sql(db);
        try (PreparedStatement prepared = connection.prepareStatement(sql)) {
            PreparedWrite.Folding folding = statement.folding();
            if (folding == null || valueLists.size() == 1) {
                execute(prepared, statement, valueLists);
                return;
            }
            List<PreparedWrite.Folded> folded = folding.fold(valueLists);
            List<Object[]> foldedValues = new ArrayList<>(folded.size());
            for (PreparedWrite.Folded execution : folded) {
                statement.check(execution.values());
                foldedValues.add(execution.values());
            }
            int[] updated = execute(prepared, statement, foldedValues);
            List<Object[]> unfolded = new ArrayList<>();
            for (int i = 0; i < updated.length; i++) {
                // No row, or a count the driver does not tell (SUCCESS_NO_INFO): the members' own
                // guards decide. After a folded update that did apply, they find it applied.
                if (updated[i] < 1 && folded.get(i).members().size() > 1) {
                    unfolded.addAll(folded.get(i).members());
                }
            }
            if (!unfolded.isEmpty()) {
                execute(prepared, statement, unfolded);
            }
        } catch (SQLException e) {
            DataAccessException failure = new DataAccessException(statement + " failed: " + sql, e);
            // A batch's first failure tells which execution and why; the driver chains it as the next one.
            SQLException next = e.getNextException();
            if (e instanceof BatchUpdateException && next != null && next != e.getCause()) {
                failure.addSuppressed(next);
            }
            throw failure;
        }
    }

    /** Executes the prepared statement once per value list, as JDBC batches; the update count of each. */
    private static int[] execute(PreparedStatement prepared, PreparedWrite statement, List<Object[]> valueLists)
            throws SQLException {
        if (valueLists.size() == 1) {
            statement.bind(prepared, valueLists.get(0));
            return new int[] {prepared.executeUpdate()};
        }
        int[] updated = new int[valueLists.size()];
        int done = 0;
        int queued = 0;
        for (Object[] values : valueLists) {
            statement.bind(prepared, values);
            prepared.addBatch();
            if (++queued == EXECUTIONS_PER_JDBC_BATCH_MAX) {
                done = copy(prepared.executeBatch(), updated, done);
                queued = 0;
            }
        }
        if (queued > 0) {
            copy(prepared.executeBatch(), updated, done);
        }
        return updated;
    }

    private static int copy(int[] from, int[] to, int at) {
        System.arraycopy(from, 0, to, at, from.length);
        return at + from.length;
    }

    /**
     * One queued statement: a jOOQ query, or a prepared write with its values. Consecutive writes of
     * the same statement on the same DSLContext (or consecutive queries) go out as one batch.
     */
    private record Write(DSLContext db, Query query, PreparedWrite statement, Object[] values) {

        boolean batchesWith(Write other) {
            return db == other.db && statement == other.statement;
        }
    }

    /**
     * The statements of one transaction, flushed before it commits, lane after lane: the lanes of
     * inserts that go first, then the others, each set in the order its lanes were first used.
     */
    private static final class Queue implements TransactionSynchronization {

        private final Map<Object, List<Write>> firstLanes = new LinkedHashMap<>();
        private final Map<Object, List<Write>> lanes = new LinkedHashMap<>();
        private Object lastLane;
        private List<Write> lastWrites;

        void add(Object lane, boolean first, Write write) {
            if (!lane.equals(lastLane)) {
                lastLane = lane;
                lastWrites = (first ? firstLanes : lanes).computeIfAbsent(lane, key -> new ArrayList<>());
            }
            lastWrites.add(write);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            flushLanes(firstLanes);
            flushLanes(lanes);
            clear();
        }

        private static void flushLanes(Map<Object, List<Write>> lanes) {
            for (List<Write> writes : lanes.values()) {
                int from = 0;
                while (from < writes.size()) {
                    Write first = writes.get(from);
                    int to = from + 1;
                    while (to < writes.size() && writes.get(to).batchesWith(first)) {
                        to++;
                    }
                    flush(first, writes.subList(from, to));
                    from = to;
                }
            }
        }

        private void clear() {
            firstLanes.clear();
            lanes.clear();
            lastLane = null;
            lastWrites = null;
        }

        private static void flush(Write first, List<Write> run) {
            DSLContext db = first.db();
            if (first.statement() != null) {
                List<Object[]> valueLists = new ArrayList<>(run.size());
                run.forEach(write -> valueLists.add(write.values()));
                db.connection(connection -> run(connection, db, first.statement(), valueLists));
            } else if (run.size() == 1) {
                first.query().execute();
            } else {
                db.batch(run.stream().map(Write::query).toList()).execute();
            }
        }

        @Override
        public void afterCompletion(int status) {
            clear();
            TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
        }
    }
}
