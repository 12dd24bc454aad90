package org.unionledger.api.axon;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Puts on every event what an auditor asks: who (principal, roles, org), which request
 * (correlation id, idempotency key) and which message caused it (causation id).
 */
import org.unionledger.core.metadata.LedgerMetadata;

class LedgerMetadataProvider implements CorrelationDataProvider {

    private static final List<String> COPIED = List.of(LedgerMetadata.PRINCIPAL, LedgerMetadata.ROLES,
            LedgerMetadata.ORG_ID, LedgerMetadata.IDEMPOTENCY_KEY);

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        for (String key : COPIED) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        Object correlationId = message.getMetaData().get(LedgerMetadata.CORRELATION_ID);
        data.put(LedgerMetadata.CORRELATION_ID, correlationId != null ? correlationId : message.getIdentifier());
        data.put(LedgerMetadata.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
