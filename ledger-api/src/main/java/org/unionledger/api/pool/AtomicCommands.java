package org.unionledger.api.pool;

import java.util.List;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Runs several commands, on several aggregates, in ONE unit of work and ONE database transaction:
 * all their events are stored together or not at all. The local command bus handles each command
 * in a nested unit of work that joins the outer transaction; a failure of any command (a broken
 * rule, a duplicate coverage id at commit) rolls everything back, and Axon evicts every aggregate
 * it touched from the cache.
 *
 * <p>Callers must send commands for funds in a fixed order (enrolments: Enrolments.LOCK_ORDER)
 * so two concurrent batches cannot wait on each other's aggregate locks. This relies on the local
 * (in-JVM) command bus; with Axon Server routing commands to other nodes the transaction would
 * not span them (see docs/pool.md).
 */
@Component
public class AtomicCommands {

    private final CommandGateway commands;
    private final TransactionManager transactionManager;

    public AtomicCommands(CommandGateway commands, TransactionManager transactionManager) {
        this.commands = commands;
        this.transactionManager = transactionManager;
    }

    /** Sends every command in order; commits all their events at once or throws and stores nothing. */
    void sendAll(List<CommandMessage<?>> batch) {
        run(gateway -> {
            for (CommandMessage<?> command : batch) {
                gateway.sendAndWait(command);
            }
            return null;
        });
    }

    /**
     * Runs {@code work}, which may send commands and use their answers to decide the next ones, in one
     * unit of work and one transaction: all events are committed at once, or none when it throws.
     */
    public <R> R run(java.util.function.Function<CommandGateway, R> work) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("atomic-commands"));
        R result;
        try {
            unitOfWork.attachTransaction(transactionManager);
            result = work.apply(commands);
        } catch (RuntimeException | Error failure) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(failure);
            }
            throw failure;
        }
        unitOfWork.commit();
        return result;
    }
}
