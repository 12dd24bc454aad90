package org.unionledger.api.idempotency;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.unionledger.api.axon.LedgerMetadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Runs inside the command's transaction (Axon attaches it before the interceptors): after the
 * handler decided, records the idempotency key. If another request recorded the key first, the
 * insert fails, the transaction rolls back and no event of this command is stored.
 */
public class IdempotencyInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final ObjectMapper RESULT_MAPPER = new ObjectMapper().findAndRegisterModules();

    private final IdempotencyStore store;

    public IdempotencyInterceptor(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Object key = command.getMetaData().get(LedgerMetadata.IDEMPOTENCY_KEY);
        Object result = chain.proceed();
        if (key != null) {
            Object sha = command.getMetaData().get(LedgerMetadata.REQUEST_SHA256);
            Object principal = command.getMetaData().get(LedgerMetadata.PRINCIPAL);
            store.record(key.toString(), command.getCommandName(), sha == null ? "" : sha.toString(),
                    toJson(result), principal == null ? null : principal.toString());
        }
        return result;
    }

    private static String toJson(Object result) throws JsonProcessingException {
        return result == null ? null : RESULT_MAPPER.writeValueAsString(result);
    }
}
