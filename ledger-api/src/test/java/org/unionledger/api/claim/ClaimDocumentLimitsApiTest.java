package org.unionledger.api.claim;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.unionledger.api.claim.ClaimFixtures.assertProblem;
import static org.unionledger.api.claim.ClaimFixtures.expect;
import static org.unionledger.api.claim.ClaimFixtures.freshId;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.claim.ClaimFixtures.Document;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.EventLog;
import org.unionledger.core.claim.ClaimDocument;

/**
 * The document limits over real HTTP: 1 byte to {@link ClaimDocument#SIZE_BYTES_MAX} a file, and
 * only PDF, JPEG or PNG, decided by the content, never by the declared type. A refused submission
 * stores no claim.
 */
@ApiTest
class ClaimDocumentLimitsApiTest {

    @LocalServerPort
    int port;

    @Autowired
    EventLog events;

    private ClaimFixtures claims;
    private String memberId;

    @BeforeEach
    void aPoolWithAnEnrolledMember() {
        claims = ClaimFixtures.aPoolOpenToday(port);
        memberId = claims.anAccidentMember();
    }

    private static byte[] aPdfOf(long sizeBytes) {
        byte[] content = new byte[Math.toIntExact(sizeBytes)];
        Arrays.fill(content, (byte) ' ');
        byte[] magic = "%PDF-1.4".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, content, 0, magic.length);
        return content;
    }

    private void assertNothingStored(String claimId) {
        assertThat(claims.finance.get("/claims/" + claimId).status(), equalTo(404));
        assertThat(events.countFor(claimId), equalTo(0L));
    }

    @Test
    void anEmptyDocumentIsRefused() {
        String claimId = freshId("c");

        var refused = claims.submit(claims.finance, claims.anAccidentClaim(memberId, claimId),
                Document.pdf("APPLICATION_FORM"),
                new Document("INVOICE", "invoice.pdf", "application/pdf", new byte[0]));

        assertProblem(refused, 422, "DOCUMENT_SIZE_MUST_BE_WITHIN_LIMIT");
        assertNothingStored(claimId);
    }

    @Test
    void aDocumentOfExactlyTheLimitIsAccepted() {
        String claimId = freshId("c");

        var accepted = claims.submit(claims.finance, claims.anAccidentClaim(memberId, claimId),
                new Document("DISCHARGE_SUMMARY", "summary.pdf", "application/pdf",
                        aPdfOf(ClaimDocument.SIZE_BYTES_MAX)));

        expect(accepted, 201);
        assertThat(accepted.json().get("documents").get(0).get("sizeBytes").asLong(),
                equalTo(ClaimDocument.SIZE_BYTES_MAX));
    }

    /**
     * The multipart limit (application.yml, 10 MB a file) equals the document limit, so an oversized
     * file is refused while the request is read, before the claim's own check: 413, not 422.
     */
    @Test
    void aDocumentOneByteOverTheLimitIsRefusedByTheUploadLimit() {
        String claimId = freshId("c");

        var refused = claims.submit(claims.finance, claims.anAccidentClaim(memberId, claimId),
                new Document("DISCHARGE_SUMMARY", "summary.pdf", "application/pdf",
                        aPdfOf(ClaimDocument.SIZE_BYTES_MAX + 1)));

        assertProblem(refused, 413, "PAYLOAD_TOO_LARGE");
        assertNothingStored(claimId);
    }

    @Test
    void aDocumentThatIsNotPdfJpegOrPngIsRefusedWhateverItDeclares() {
        String executable = freshId("c");
        var refused = claims.submit(claims.finance, claims.anAccidentClaim(memberId, executable),
                Document.pdf("APPLICATION_FORM"),
                new Document("INVOICE", "invoice.exe", "application/octet-stream",
                        "MZ executable".getBytes(StandardCharsets.US_ASCII)));
        assertProblem(refused, 422, "DOCUMENT_TYPE_MUST_BE_PDF_JPEG_OR_PNG");
        assertNothingStored(executable);

        String disguised = freshId("c");
        var lying = claims.submit(claims.finance, claims.anAccidentClaim(memberId, disguised),
                new Document("INVOICE", "invoice.pdf", "application/pdf",
                        "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII)));
        assertProblem(lying, 422, "DOCUMENT_TYPE_MUST_BE_PDF_JPEG_OR_PNG");
        assertNothingStored(disguised);
    }

    @Test
    void aPngIsAcceptedAndServedAsPng() {
        String claimId = freshId("c");
        byte[] png = {(byte) 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x01};

        var accepted = claims.submit(claims.finance, claims.anAccidentClaim(memberId, claimId),
                new Document("ID_CARD", "id.bin", "application/octet-stream", png));

        expect(accepted, 201);
        claims.awaitClaim(claimId, "SUBMITTED");
        String sha256 = accepted.json().get("documents").get(0).get("sha256").asText();
        var served = claims.reviewer.get("/claims/" + claimId + "/documents/" + sha256);
        assertThat(served.status(), equalTo(200));
        assertThat(served.contentType(), equalTo("image/png"));
    }
}
