package org.unionledger.projections.claim;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;
import org.unionledger.core.claim.ClaimDocument;
import org.unionledger.core.claim.ClaimEvents.ClaimApproved;
import org.unionledger.core.claim.ClaimEvents.ClaimDocumentsAdded;
import org.unionledger.core.claim.ClaimEvents.ClaimPaid;
import org.unionledger.core.claim.ClaimEvents.ClaimPaymentReturned;
import org.unionledger.core.claim.ClaimEvents.ClaimPayoutReserved;
import org.unionledger.core.claim.ClaimEvents.ClaimRejected;
import org.unionledger.core.claim.ClaimEvents.ClaimSubmitted;
import org.unionledger.projections.claim.ClaimQueries.ClaimQuery;
import org.unionledger.projections.claim.ClaimQueries.ClaimView;
import org.unionledger.projections.support.TestDatabase;

/**
 * The claim row through a claim's life on real PostgreSQL, in one processor transaction as a
 * replay runs it: claims submitted and changed in the same batch, their writes sent at commit
 * (new rows first, then the updates in order), and the same events again changing nothing.
 */
class ClaimProjectionTest {

    private final DSLContext db = TestDatabase.transactionalDsl();
    private final TransactionTemplate batch = TestDatabase.processorBatches();
    private final ClaimProjection projection = new ClaimProjection(db);
    private final String paidClaim = "c-" + UUID.randomUUID();
    private final String rejectedClaim = "c-" + UUID.randomUUID();
    private final Instant submittedAt = Instant.parse("2026-03-01T09:00:00Z");

    private ClaimSubmitted submitted(String claimId) {
        return new ClaimSubmitted(claimId, "pool-1", "fund-1", "cov-1", "m-1", "org-1", "INPATIENT", "2026",
                LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 5), null, 500_000, 400_000, 100_000, "INV-1",
                List.of(), null, 150_000, null, "clerk");
    }

    private static GlobalSequenceTrackingToken at(long globalIndex) {
        return new GlobalSequenceTrackingToken(globalIndex);
    }

    private Instant later(long seconds) {
        return submittedAt.plusSeconds(seconds);
    }

    /** A claim's whole life, and another claim's, interleaved as events of a batch are. */
    private void lives(ClaimProjection claims) {
        ClaimDocument receipt = new ClaimDocument("ab".repeat(32), null, 1_000, "application/pdf");
        claims.on(submitted(paidClaim), submittedAt, at(101));
        claims.on(new ClaimDocumentsAdded(paidClaim, "m-1", List.of(receipt, receipt), false, "clerk"), later(1),
                at(102));
        claims.on(submitted(rejectedClaim), later(2), at(103));
        claims.on(new ClaimApproved(paidClaim, "m-1", 140_000, 150_000, "over the cap", "reviewer", true), later(3),
                at(104));
        claims.on(new ClaimRejected(rejectedClaim, "m-1", "NOT_COVERED", "note", "reviewer"), later(4), at(105));
        claims.on(new ClaimPayoutReserved(paidClaim, "m-1", "fund-1", "r-1", 140_000), later(5), at(106));
        claims.on(new ClaimPaid(paidClaim, "m-1", "fund-1", "r-1", 140_000, "PAY-1", LocalDate.of(2026, 3, 2),
                "cashier"), later(6), at(107));
    }

    private ClaimView claim(String claimId) {
        return projection.handle(new ClaimQuery(claimId));
    }

    private void inOneBatch(Consumer<ClaimProjection> events) {
        batch.executeWithoutResult(status -> events.accept(projection));
    }

    @Test
    void aBatchThatSubmitsAndChangesClaimsLeavesEachRowAtItsLastEvent() {
        inOneBatch(this::lives);

        ClaimView paid = claim(paidClaim);
        assertThat(paid.status(), equalTo("PAID"));
        assertThat(paid.documents(), equalTo(2));
        assertThat(paid.approvedFen(), equalTo(140_000L));
        assertThat(paid.paidFen(), equalTo(140_000L));
        assertThat(paid.paidAt(), equalTo(later(6)));
        assertThat(paid.paymentReference(), equalTo("PAY-1"));
        assertThat(paid.lastReason(), equalTo("over the cap"));
        assertThat(paid.statusChangedAt(), equalTo(later(6)));
        ClaimView rejected = claim(rejectedClaim);
        assertThat(rejected.status(), equalTo("REJECTED"));
        assertThat(rejected.lastReason(), equalTo("NOT_COVERED"));
        assertThat(rejected.approvedFen(), nullValue());
        assertThat(rejected.submittedAt(), equalTo(later(2)));
    }

    @Test
    void aReturnedPaymentClearsThePaymentAndKeepsItsReference() {
        inOneBatch(this::lives);
        inOneBatch(claims -> claims.on(new ClaimPaymentReturned(paidClaim, "m-1", "fund-1", "r-1", 140_000,
                "RET-9", LocalDate.of(2026, 3, 9), "r-2"), later(7), at(108)));

        ClaimView returned = claim(paidClaim);
        assertThat(returned.status(), equalTo("AWAITING_FUNDS"));
        assertThat(returned.paidAt(), nullValue());
        assertThat(returned.paidFen(), nullValue());
        assertThat(returned.paymentReference(), equalTo("PAY-1"));
        assertThat(returned.lastReason(), equalTo("payment returned: RET-9"));
        assertThat(returned.approvedFen(), equalTo(140_000L));
    }

    @Test
    void eventsDeliveredAgainChangeNothing() {
        inOneBatch(this::lives);
        ClaimView before = claim(paidClaim);

        inOneBatch(this::lives);

        assertThat(claim(paidClaim), equalTo(before));
        assertThat(claim(paidClaim).documents(), equalTo(2));
    }
}
