package org.unionledger.api.idempotency;

import java.util.Optional;
import java.util.function.Supplier;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.unionledger.projections.support.LedgerJdbcEventStorageEngine;
import org.unionledger.core.metadata.LedgerMetadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs inside the command's transaction (Axon attaches it before the interceptors): after the
 * handler decided, records the idempotency key. If another request recorded the key first, the
 * insert fails, the transaction rolls back and no event of this command is stored. With the
 * events in PostgreSQL, a command sent on its own (not inside another unit of work) has its
 * record inserted in the round trip that inserts its events (docs/PERFORMANCE.md, setting 63).
 */
public class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final ObjectMapper RESULT_MAPPER = new ObjectMapper().findAndRegisterModules();

    /**
     * The key {@link IdempotentCommandSender} is sending on this thread (the command bus runs the
     * handler on the sender's thread): no look-up for it. A retry, or a request that commits the same
     * key meanwhile, is caught by the key's unique index when this one records it; the sender then
     * answers from the record.
     */
    private static final ThreadLocal<String> CHECKED_BY_SENDER = new ThreadLocal<>();

    private final IdempotencyStore store;
    /** The JDBC event store, or null (Axon Server): a command's record is sent with its events. */
    private final LedgerJdbcEventStorageEngine engine;

    public IdempotencyInterceptor(IdempotencyStore store, LedgerJdbcEventStorageEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Object key = command.getMetaData().get(LedgerMetadata.IDEMPOTENCY_KEY);
        if (key == null) {
            return chain.proceed();
        }
        Object givenSha = command.getMetaData().get(LedgerMetadata.REQUEST_SHA256);
        String sha = givenSha != null ? givenSha.toString()
                : IdempotentCommandSender.sha256(IdempotentCommandSender.canonicalJson(command.getPayload()));
        // A process manager redelivering an event sends the same command again: answer it from the
        // first execution without running the handler.
        var earlier = key.equals(CHECKED_BY_SENDER.get()) ? Optional.<IdempotencyStore.Recorded>empty()
                : store.find(key.toString());
        if (earlier.isPresent()) {
            if (!earlier.get().requestSha256().equals(sha)) {
                throw new IdempotencyKeyReused(key.toString());
            }
            return earlier.get().resultJson();
        }
        Object result = chain.proceed();
        Object principal = command.getMetaData().get(LedgerMetadata.PRINCIPAL);
        IdempotencyStore.Record record = new IdempotencyStore.Record(key.toString(), command.getCommandName(), sha,
                toJson(result), principal == null ? null : principal.toString());
        if (engine != null && unitOfWork.isRoot() && TransactionSynchronizationManager.isActualTransactionActive()) {
            engine.stage(unitOfWork, record);
        } else {
            store.record(record);
        }
        return result;
    }

    /** Runs {@code send} with {@code key} marked as the sender's on this thread: not looked up here. */
    static <T> T afterSenderCheck(String key, Supplier<T> send) {
        CHECKED_BY_SENDER.set(key);
        try {
            return send.get();
        } finally {
            CHECKED_BY_SENDER.remove();
        }
    }

    private static String toJson(Object result) throws JsonProcessingException {
        return result == null ? null : RESULT_MAPPER.writeValueAsString(result);
    }
}
