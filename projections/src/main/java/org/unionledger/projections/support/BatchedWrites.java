package org.unionledger.projections.support;

import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Projection writes sent to PostgreSQL together: an event processor handles a batch of events in
 * one transaction (see AxonConfiguration's batch size); each handler only queues its statements
 * here, and they go out as one JDBC batch just before that transaction commits, in the order they
 * were queued. That turns two round trips per event into a few per batch, so replays and catch-up
 * run several times faster (docs/PERFORMANCE.md). Outside a transaction (a test calling a handler
 * directly) a statement runs at once.
 *
 * <p>The queue belongs to the Spring transaction, not to Axon's unit of work: a batching unit of
 * work keeps resources per event, the transaction spans the batch. A handler that must read what
 * an earlier event of the same batch wrote should not use this.
 */
public final class BatchedWrites {

    private static final Object RESOURCE = BatchedWrites.class;

    private BatchedWrites() {
    }

    /** Queues {@code query} until the current transaction commits, or runs it when there is none. */
    public static void execute(DSLContext db, Query query) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            query.execute();
            return;
        }
        Queue queue = (Queue) TransactionSynchronizationManager.getResource(RESOURCE);
        if (queue == null) {
            queue = new Queue(db);
            TransactionSynchronizationManager.bindResource(RESOURCE, queue);
            TransactionSynchronizationManager.registerSynchronization(queue);
        }
        queue.queries.add(query);
    }

    /** The statements of one transaction, flushed before it commits. */
    private static final class Queue implements TransactionSynchronization {

        private final DSLContext db;
        private final List<Query> queries = new ArrayList<>();

        Queue(DSLContext db) {
            this.db = db;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (queries.size() == 1) {
                queries.get(0).execute();
            } else if (!queries.isEmpty()) {
                db.batch(queries).execute();
            }
            queries.clear();
        }

        @Override
        public void afterCompletion(int status) {
            queries.clear();
            TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
        }
    }
}
