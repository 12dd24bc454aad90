package org.unionledger.api.claim;

import static org.unionledger.projections.jooq.Tables.CLAIM_DOCUMENT_BLOB;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.unionledger.core.claim.ClaimDocument;
import org.unionledger.core.claim.ClaimEvents.ClaimDocumentsAdded;
import org.unionledger.core.claim.ClaimEvents.ClaimSubmitted;
import org.unionledger.core.claim.DocumentKind;
import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * Claim documents, content-addressed by SHA-256 in PostgreSQL (claim_document_blob). The media type
 * is decided by the file's first bytes (PDF, JPEG, PNG), never by what the client declares. The
 * same file stored twice is one row, shared by every claim that attached it: a document is served
 * only through a claim whose events list its hash.
 */
@Component
class ClaimDocumentStore {

    private final DSLContext db;
    private final EventStore eventStore;

    ClaimDocumentStore(DSLContext db, EventStore eventStore) {
        this.db = db;
        this.eventStore = eventStore;
    }

    record StoredDocument(byte[] content, String mediaType) {
    }

    ClaimDocument store(DocumentKind kind, byte[] content) {
        BusinessRuleViolation.require(content.length > 0 && content.length <= ClaimDocument.SIZE_BYTES_MAX,
                "DOCUMENT_SIZE_MUST_BE_WITHIN_LIMIT", "a document has 1 byte to " + ClaimDocument.SIZE_BYTES_MAX
                        + " bytes");
        String mediaType = mediaTypeOf(content);
        String sha256 = sha256(content);
        db.insertInto(CLAIM_DOCUMENT_BLOB)
                .set(CLAIM_DOCUMENT_BLOB.SHA256, sha256)
                .set(CLAIM_DOCUMENT_BLOB.CONTENT, content)
                .set(CLAIM_DOCUMENT_BLOB.SIZE_BYTES, content.length)
                .set(CLAIM_DOCUMENT_BLOB.MEDIA_TYPE, mediaType)
                .onConflictDoNothing()
                .execute();
        return new ClaimDocument(sha256, kind, content.length, mediaType);
    }

    /** A document of a claim: empty when the blob is unknown or the claim never attached it. */
    Optional<StoredDocument> find(String claimId, String sha256) {
        return isAttached(claimId, sha256) ? find(sha256) : Optional.empty();
    }

    /**
     * Asked of the event store, not the claim read model, so a claim submitted a moment ago serves its
     * documents too. Read from sequence number 0: the events themselves, never a snapshot.
     */
    private boolean isAttached(String claimId, String sha256) {
        DomainEventStream events = eventStore.readEvents(claimId, 0);
        while (events.hasNext()) {
            Object event = events.next().getPayload();
            List<ClaimDocument> attached = event instanceof ClaimSubmitted submitted ? submitted.documents()
                    : event instanceof ClaimDocumentsAdded added ? added.documents() : List.of();
            if (attached.stream().anyMatch(document -> document.sha256().equals(sha256))) {
                return true;
            }
        }
        return false;
    }

    private Optional<StoredDocument> find(String sha256) {
        return db.select(CLAIM_DOCUMENT_BLOB.CONTENT, CLAIM_DOCUMENT_BLOB.MEDIA_TYPE).from(CLAIM_DOCUMENT_BLOB)
                .where(CLAIM_DOCUMENT_BLOB.SHA256.eq(sha256))
                .fetchOptional(row -> new StoredDocument(row.value1(), row.value2()));
    }

    static String mediaTypeOf(byte[] content) {
        if (startsWith(content, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
            return "application/pdf";
        }
        if (startsWith(content, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(content, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        throw new BusinessRuleViolation("DOCUMENT_TYPE_MUST_BE_PDF_JPEG_OR_PNG",
                "documents are PDF, JPEG or PNG files (checked by their content)");
    }

    private static boolean startsWith(byte[] content, int... magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((content[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }
}
