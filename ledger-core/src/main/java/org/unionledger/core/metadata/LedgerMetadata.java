package org.unionledger.core.metadata;


/** Keys of the metadata every command and event carries (who, on whose behalf, which request). */
public final class LedgerMetadata {

    public static final String PRINCIPAL = "principal";
    public static final String ROLES = "roles";
    public static final String ORG_ID = "orgId";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String REQUEST_SHA256 = "requestSha256";

    private LedgerMetadata() {
    }
}
