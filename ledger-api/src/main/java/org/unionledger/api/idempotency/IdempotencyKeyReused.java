package org.unionledger.api.idempotency;

/** The same client-chosen id was sent before with another request body: answered with 409. */
public class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused(String idempotencyKey) {
        super("id " + idempotencyKey + " was already used for a different request");
    }
}
