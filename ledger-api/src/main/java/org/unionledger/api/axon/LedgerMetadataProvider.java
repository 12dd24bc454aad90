package org.unionledger.api.axon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.unionledger.core.metadata.LedgerMetadata;

/**
 * Puts on every event what an auditor asks: who (principal, roles, org), which request
 * (correlation id, idempotency key) and which message caused it (causation id).
 *
 * <p>Axon asks for this data whenever a message is created in a unit of work, also for the result
 * of every event a projection handles, and reading the event's metadata deserializes it. The
 * projections send no messages and read no metadata, so in their units of work (marked by
 * {@link #IN_PROJECTIONS}) there is nothing to copy: that deserialization was 8% of the
 * projection threads' profile samples in a replay (docs/PERFORMANCE.md, setting 47).
 */
class LedgerMetadataProvider implements CorrelationDataProvider {

    private static final List<String> COPIED = List.of(LedgerMetadata.PRINCIPAL, LedgerMetadata.ROLES,
            LedgerMetadata.ORG_ID);

    private static final String IN_PROJECTIONS_RESOURCE = LedgerMetadataProvider.class.getName() + ".inProjections";

    /**
     * Marks a projection processor's unit of work: its handlers send nothing, so nothing needs
     * correlation data. Registered on the projection processors only, never on process managers.
     */
    static final MessageHandlerInterceptor<EventMessage<?>> IN_PROJECTIONS = (unitOfWork, chain) -> {
        unitOfWork.resources().put(IN_PROJECTIONS_RESOURCE, Boolean.TRUE);
        return chain.proceed();
    };

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().resources().containsKey(IN_PROJECTIONS_RESOURCE)) {
            return Map.of();
        }
        Map<String, Object> data = new HashMap<>();
        for (String key : COPIED) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        // The request's idempotency key belongs to the command and the events it caused; a command a
        // process manager sends while handling such an event is another request and must not inherit it.
        if (message instanceof CommandMessage<?>) {
            Object key = message.getMetaData().get(LedgerMetadata.IDEMPOTENCY_KEY);
            if (key != null) {
                data.put(LedgerMetadata.IDEMPOTENCY_KEY, key);
            }
        }
        Object correlationId = message.getMetaData().get(LedgerMetadata.CORRELATION_ID);
        data.put(LedgerMetadata.CORRELATION_ID, correlationId != null ? correlationId : message.getIdentifier());
        data.put(LedgerMetadata.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
