package org.unionledger.api.pool;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.unionledger.api.idempotency.CommandAlreadyRecorded;
import org.unionledger.api.idempotency.CorrelationIds;
import org.unionledger.api.idempotency.IdempotencyKeyReused;
import org.unionledger.api.idempotency.IdempotencyStore;
import org.unionledger.api.idempotency.IdempotentCommandSender;
import org.unionledger.api.security.CurrentActor;
import org.unionledger.core.metadata.LedgerMetadata;

/**
 * Client retries of multi-command requests (create a pool and its fund; enrol and pay): the first
 * command of the unit carries the idempotency key, which is recorded in the same transaction as
 * all the unit's events. A retry with the same body is answered as replayed; another body under
 * the same key is refused (409).
 */
@Component
class KeyedRequests {

    private final IdempotencyStore store;

    KeyedRequests(IdempotencyStore store) {
        this.store = store;
    }

    /** Metadata of the signed-in actor (who, roles, org, correlation id), for every command. */
    static MetaData actorMetadata() {
        Map<String, Object> metadata = new HashMap<>(CurrentActor.get().asMetadata());
        CorrelationIds.current().ifPresent(id -> metadata.put(LedgerMetadata.CORRELATION_ID, id));
        return MetaData.from(metadata);
    }

    static MetaData keyed(MetaData metadata, String key, Object request) {
        return metadata.and(LedgerMetadata.IDEMPOTENCY_KEY, key)
                .and(LedgerMetadata.REQUEST_SHA256, sha(request));
    }

    /** True if this exact request was executed before; throws if the key was used for another. */
    boolean alreadyDone(String key, Object request) {
        Optional<IdempotencyStore.Recorded> earlier = store.find(key);
        if (earlier.isEmpty()) {
            return false;
        }
        if (!earlier.get().requestSha256().equals(sha(request))) {
            throw new IdempotencyKeyReused(key);
        }
        return true;
    }

    static boolean isConcurrentDuplicate(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof CommandAlreadyRecorded) {
                return true;
            }
        }
        return false;
    }

    private static String sha(Object request) {
        return IdempotentCommandSender.sha256(IdempotentCommandSender.canonicalJson(request));
    }
}
