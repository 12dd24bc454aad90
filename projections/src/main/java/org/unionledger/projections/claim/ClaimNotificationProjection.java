package org.unionledger.projections.claim;

import static org.unionledger.projections.jooq.Tables.CLAIM_NOTIFICATION_OUTBOX;
import static org.unionledger.projections.support.PreparedWrite.insertInto;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.unionledger.core.claim.ClaimEvents.ClaimApproved;
import org.unionledger.core.claim.ClaimEvents.ClaimAwaitingFunds;
import org.unionledger.core.claim.ClaimEvents.ClaimCancelled;
import org.unionledger.core.claim.ClaimEvents.ClaimDocumentsAdded;
import org.unionledger.core.claim.ClaimEvents.ClaimPaid;
import org.unionledger.core.claim.ClaimEvents.ClaimPaymentReturned;
import org.unionledger.core.claim.ClaimEvents.ClaimPayoutReserved;
import org.unionledger.core.claim.ClaimEvents.ClaimRejected;
import org.unionledger.core.claim.ClaimEvents.ClaimReturned;
import org.unionledger.core.claim.ClaimEvents.ClaimSubmitted;
import org.unionledger.core.claim.ClaimStatus;
import org.unionledger.core.money.Money;
import org.unionledger.projections.claim.ClaimQueries.UnsentNotice;
import org.unionledger.projections.support.BatchedWrites;
import org.unionledger.projections.support.PreparedWrite;
import org.unionledger.projections.support.ProjectionGroups;

/**
 * Writes a member notice to the outbox for every status change of a claim. The row id is the event's
 * id, so a redelivered event adds nothing. Unlike other projections its reset keeps the rows: a
 * replay must not notify members again (the ids already present are skipped).
 */
@Component
@ProcessingGroup(ClaimNotificationProjection.PROCESSING_GROUP)
public class ClaimNotificationProjection {

    public static final String PROCESSING_GROUP = ProjectionGroups.MONEY_AND_CASES;

    /** Rendered once, bound per notice (docs/PERFORMANCE.md, setting 18). */
    private static final PreparedWrite NOTICE_INSERT = PreparedWrite.of("claim notice insert",
            insertInto(CLAIM_NOTIFICATION_OUTBOX, CLAIM_NOTIFICATION_OUTBOX.ID, CLAIM_NOTIFICATION_OUTBOX.MEMBER_ID,
                    CLAIM_NOTIFICATION_OUTBOX.CLAIM_ID, CLAIM_NOTIFICATION_OUTBOX.STATUS,
                    CLAIM_NOTIFICATION_OUTBOX.MESSAGE, CLAIM_NOTIFICATION_OUTBOX.CREATED_AT).onConflictDoNothing());

    private final DSLContext db;

    public ClaimNotificationProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(ClaimSubmitted event, EventMessage<?> message) {
        notice(message, event.memberId(), event.claimId(), ClaimStatus.SUBMITTED,
                "Your claim " + event.claimId() + " was received; benefit calculated: "
                        + Money.ofFen(event.calculatedBenefitFen()) + ".");
    }

    @EventHandler
    void on(ClaimDocumentsAdded event, EventMessage<?> message) {
        if (event.resubmitted()) {
            notice(message, event.memberId(), event.claimId(), ClaimStatus.SUBMITTED,
                    "Your documents for claim " + event.claimId() + " were received; the claim is back in review.");
        }
    }

    @EventHandler
    void on(ClaimApproved event, EventMessage<?> message) {
        if (event.finalApproval()) {
            notice(message, event.memberId(), event.claimId(), ClaimStatus.APPROVED,
                    "Your claim " + event.claimId() + " was approved: " + Money.ofFen(event.approvedFen()) + ".");
        }
    }

    @EventHandler
    void on(ClaimRejected event, EventMessage<?> message) {
        notice(message, event.memberId(), event.claimId(), ClaimStatus.REJECTED,
                "Your claim " + event.claimId() + " was rejected (" + event.reasonCode() + ").");
    }

    @EventHandler
    void on(ClaimReturned event, EventMessage<?> message) {
        notice(message, event.memberId(), event.claimId(), ClaimStatus.RETURNED,
                "Your claim " + event.claimId() + " needs more documents: " + event.missingDocuments()
                        + (event.note() == null ? "" : " (" + event.note() + ")") + ".");
    }

    @EventHandler
    void on(ClaimAwaitingFunds event, EventMessage<?> message) {
        notice(message, event.memberId(), event.claimId(), ClaimStatus.AWAITING_FUNDS,
                "Your approved claim " + event.claimId() + " will be paid as soon as the pool has the money.");
    }

    @EventHandler
    void on(ClaimPayoutReserved event, EventMessage<?> message) {
        notice(message, event.memberId(), event.claimId(), ClaimStatus.PAYOUT_RESERVED,
                "The payout of claim " + event.claimId() + " (" + Money.ofFen(event.amountFen())
                        + ") is set aside and will be paid shortly.");
    }

    @EventHandler
    void on(ClaimPaid event, EventMessage<?> message) {
        notice(message, event.memberId(), event.claimId(), ClaimStatus.PAID,
                "Claim " + event.claimId() + " was paid: " + Money.ofFen(event.amountFen()) + " on " + event.paidOn()
                        + ".");
    }

    @EventHandler
    void on(ClaimPaymentReturned event, EventMessage<?> message) {
        notice(message, event.memberId(), event.claimId(), ClaimStatus.AWAITING_FUNDS,
                "The bank returned the payment of claim " + event.claimId()
                        + "; please check your bank account details with the union.");
    }

    @EventHandler
    void on(ClaimCancelled event, EventMessage<?> message) {
        notice(message, event.memberId(), event.claimId(), ClaimStatus.CANCELLED,
                "Your claim " + event.claimId() + " was cancelled.");
    }

    private void notice(EventMessage<?> message, String memberId, String claimId, ClaimStatus status, String text) {
        BatchedWrites.execute(db, NOTICE_INSERT, message.getIdentifier(), memberId, claimId, status.name(),
                text.length() > 500 ? text.substring(0, 500) : text, message.getTimestamp().atOffset(ZoneOffset.UTC));
    }

    @ResetHandler
    void reset() {
        // Kept on purpose: see the class comment.
    }

    /** The oldest notices not sent yet, at most {@code limit}. */
    public List<UnsentNotice> unsent(int limit) {
        return db.selectFrom(CLAIM_NOTIFICATION_OUTBOX).where(CLAIM_NOTIFICATION_OUTBOX.SENT_AT.isNull())
                .orderBy(CLAIM_NOTIFICATION_OUTBOX.CREATED_AT).limit(limit)
                .fetch(row -> new UnsentNotice(row.getId(), row.getMemberId(), row.getClaimId(), row.getStatus(),
                        row.getMessage(), row.getCreatedAt().toInstant()));
    }

    public void markSent(String id, Instant sentAt) {
        db.update(CLAIM_NOTIFICATION_OUTBOX).set(CLAIM_NOTIFICATION_OUTBOX.SENT_AT, sentAt.atOffset(ZoneOffset.UTC))
                .where(CLAIM_NOTIFICATION_OUTBOX.ID.eq(id)).execute();
    }

    /** A member's notices, newest first (for the portal and tests). */
    public List<UnsentNotice> ofMember(String memberId, int limit) {
        return db.selectFrom(CLAIM_NOTIFICATION_OUTBOX).where(CLAIM_NOTIFICATION_OUTBOX.MEMBER_ID.eq(memberId))
                .orderBy(CLAIM_NOTIFICATION_OUTBOX.CREATED_AT.desc()).limit(limit)
                .fetch(row -> new UnsentNotice(row.getId(), row.getMemberId(), row.getClaimId(), row.getStatus(),
                        row.getMessage(), row.getCreatedAt().toInstant()));
    }
}
