package org.unionledger.api.axon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Puts on every event what an auditor asks: who (principal, roles, org), which request
 * (correlation id, idempotency key) and which message caused it (causation id).
 */
import org.unionledger.core.metadata.LedgerMetadata;

class LedgerMetadataProvider implements CorrelationDataProvider {

    private static final List<String> COPIED = List.of(LedgerMetadata.PRINCIPAL, LedgerMetadata.ROLES,
            LedgerMetadata.ORG_ID);

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
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
