package org.unionledger.api.idempotency;

/** A concurrent request with the same idempotency key committed first; this one changes nothing. */
public class CommandAlreadyRecorded extends RuntimeException {

    private final String idempotencyKey;

    public CommandAlreadyRecorded(String idempotencyKey) {
        super("a command with idempotency key " + idempotencyKey + " was already recorded");
        this.idempotencyKey = idempotencyKey;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }
}
