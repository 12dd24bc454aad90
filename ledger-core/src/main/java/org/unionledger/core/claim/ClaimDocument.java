package org.unionledger.core.claim;

import org.unionledger.core.rule.BusinessRuleViolation;

/** One uploaded document: its content's SHA-256 (hex), what it is, its size and media type. */
public record ClaimDocument(String sha256, DocumentKind kind, long sizeBytes, String mediaType) {

    /** Upload limit per file, also checked by the API before storing. */
    public static final long SIZE_BYTES_MAX = 10L * 1024 * 1024;

    public ClaimDocument validated() {
        BusinessRuleViolation.require(sha256 != null && sha256.matches("[0-9a-f]{64}"), "DOCUMENT_HASH_MUST_BE_SHA256",
                "a document is named by the lower-case hex SHA-256 of its content");
        BusinessRuleViolation.require(kind != null, "DOCUMENT_KIND_REQUIRED", "a document needs a kind");
        BusinessRuleViolation.require(sizeBytes > 0 && sizeBytes <= SIZE_BYTES_MAX, "DOCUMENT_SIZE_MUST_BE_WITHIN_LIMIT",
                "a document has 1 byte to " + SIZE_BYTES_MAX + " bytes");
        return this;
    }
}
