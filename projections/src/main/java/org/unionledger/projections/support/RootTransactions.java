package org.unionledger.projections.support;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's transaction manager, which also marks a root unit of work that begins the thread's
 * outermost Spring transaction ({@link LedgerJdbcEventStorageEngine#OWN_TRANSACTION}). Only such a
 * unit of work may have its commit sent with its events: inside a transaction begun by someone else
 * (a {@code @Transactional} caller, a {@code TransactionTemplate}), that commit would also commit the
 * caller's work before the caller decides.
 */
public final class RootTransactions implements TransactionManager {

    private final TransactionManager delegate;

    public RootTransactions(TransactionManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public Transaction startTransaction() {
        boolean outermost = !TransactionSynchronizationManager.isActualTransactionActive();
        Transaction transaction = delegate.startTransaction();
        if (outermost && CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
            if (unitOfWork.isRoot()) {
                unitOfWork.resources().putIfAbsent(LedgerJdbcEventStorageEngine.OWN_TRANSACTION, Boolean.TRUE);
            }
        }
        return transaction;
    }
}
