package org.unionledger.projections.claim;

import static org.unionledger.projections.jooq.Tables.CLAIM;
import static org.unionledger.projections.jooq.Tables.COVERAGE;
import static org.unionledger.projections.jooq.Tables.ORG_TREE;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.TableField;
import org.jooq.impl.DSL;
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
import org.unionledger.projections.claim.ClaimQueries.ClaimQuery;
import org.unionledger.projections.claim.ClaimQueries.ClaimStatisticsQuery;
import org.unionledger.projections.claim.ClaimQueries.ClaimStatisticsView;
import org.unionledger.projections.claim.ClaimQueries.ClaimView;
import org.unionledger.projections.claim.ClaimQueries.MemberClaimsQuery;
import org.unionledger.projections.claim.ClaimQueries.MemberClaimsView;
import org.unionledger.projections.claim.ClaimQueries.PayoutGroup;
import org.unionledger.projections.claim.ClaimQueries.ReviewQueueItem;
import org.unionledger.projections.claim.ClaimQueries.ReviewQueueQuery;
import org.unionledger.projections.claim.ClaimQueries.ReviewQueueView;
import org.unionledger.projections.jooq.tables.records.ClaimRecord;
import org.unionledger.projections.org.OrgTreeProjection;
import org.unionledger.projections.support.BatchedWrites;
import org.unionledger.projections.support.GlobalIndex;
import org.unionledger.projections.support.ProjectionGroups;

/**
 * One row per claim. Idempotent: each update applies only if the event is later than the last one
 * applied to the row (global index guard), so a redelivered batch changes nothing.
 */
@Component
@ProcessingGroup(ClaimProjection.PROCESSING_GROUP)
public class ClaimProjection {

    public static final String PROCESSING_GROUP = ProjectionGroups.MONEY_AND_CASES;
    static final int MEMBER_CLAIMS_MAX = 500;
    static final int QUEUE_MAX = 500;
    static final int STATISTICS_GROUPS_MAX = 5_000;

    private final DSLContext db;

    public ClaimProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(ClaimSubmitted event, @Timestamp Instant at, TrackingToken token) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        BatchedWrites.execute(db, db.insertInto(CLAIM)
                .set(CLAIM.CLAIM_ID, event.claimId())
                .set(CLAIM.POOL_ID, event.poolId())
                .set(CLAIM.MEMBER_ID, event.memberId())
                .set(CLAIM.ORG_ID, event.orgId())
                .set(CLAIM.PLAN_CODE, event.planCode())
                .set(CLAIM.PERIOD_ID, event.periodId())
                .set(CLAIM.STATUS, ClaimStatus.SUBMITTED.name())
                .set(CLAIM.INVOICE_NUMBER, event.invoiceNumber())
                .set(CLAIM.EVENT_DATE, event.dateOfBirth() != null ? event.dateOfBirth() : event.admissionDate())
                .set(CLAIM.TOTAL_COST_FEN, event.totalCostFen())
                .set(CLAIM.CALCULATED_BENEFIT_FEN, event.calculatedBenefitFen())
                .set(CLAIM.SUBMITTED_BY, event.submittedBy())
                .set(CLAIM.SUBMITTED_AT, when)
                .set(CLAIM.STATUS_CHANGED_AT, when)
                .set(CLAIM.DOCUMENTS, event.documents().size())
                .set(CLAIM.LAST_GLOBAL_INDEX, GlobalIndex.of(token))
                .onConflictDoNothing());
    }

    @EventHandler
    void on(ClaimDocumentsAdded event, @Timestamp Instant at, TrackingToken token) {
        update(event.claimId(), ClaimStatus.SUBMITTED, at, token, null, CLAIM.DOCUMENTS,
                CLAIM.DOCUMENTS.plus(event.documents().size()));
    }

    @EventHandler
    void on(ClaimApproved event, @Timestamp Instant at, TrackingToken token) {
        update(event.claimId(), event.finalApproval() ? ClaimStatus.APPROVED : ClaimStatus.AWAITING_SECOND_APPROVAL,
                at, token, event.adjustmentReason(), CLAIM.APPROVED_FEN, DSL.val(event.approvedFen()));
    }

    @EventHandler
    void on(ClaimRejected event, @Timestamp Instant at, TrackingToken token) {
        update(event.claimId(), ClaimStatus.REJECTED, at, token, event.reasonCode(), null, null);
    }

    @EventHandler
    void on(ClaimReturned event, @Timestamp Instant at, TrackingToken token) {
        update(event.claimId(), ClaimStatus.RETURNED, at, token, event.note(), null, null);
    }

    @EventHandler
    void on(ClaimAwaitingFunds event, @Timestamp Instant at, TrackingToken token) {
        update(event.claimId(), ClaimStatus.AWAITING_FUNDS, at, token, event.reason(), null, null);
    }

    @EventHandler
    void on(ClaimPayoutReserved event, @Timestamp Instant at, TrackingToken token) {
        update(event.claimId(), ClaimStatus.PAYOUT_RESERVED, at, token, null, null, null);
    }

    @EventHandler
    void on(ClaimPaid event, @Timestamp Instant at, TrackingToken token) {
        BatchedWrites.execute(db, db.update(CLAIM)
                .set(CLAIM.STATUS, ClaimStatus.PAID.name())
                .set(CLAIM.STATUS_CHANGED_AT, at.atOffset(ZoneOffset.UTC))
                .set(CLAIM.PAID_AT, at.atOffset(ZoneOffset.UTC))
                .set(CLAIM.PAID_FEN, event.amountFen())
                .set(CLAIM.PAYMENT_REFERENCE, event.paymentReference())
                .set(CLAIM.LAST_GLOBAL_INDEX, GlobalIndex.of(token))
                .where(CLAIM.CLAIM_ID.eq(event.claimId()).and(CLAIM.LAST_GLOBAL_INDEX.lt(GlobalIndex.of(token)))));
    }

    @EventHandler
    void on(ClaimPaymentReturned event, @Timestamp Instant at, TrackingToken token) {
        BatchedWrites.execute(db, db.update(CLAIM)
                .set(CLAIM.STATUS, ClaimStatus.AWAITING_FUNDS.name())
                .set(CLAIM.STATUS_CHANGED_AT, at.atOffset(ZoneOffset.UTC))
                .setNull(CLAIM.PAID_AT)
                .setNull(CLAIM.PAID_FEN)
                .set(CLAIM.LAST_REASON, "payment returned: " + event.bankReference())
                .set(CLAIM.LAST_GLOBAL_INDEX, GlobalIndex.of(token))
                .where(CLAIM.CLAIM_ID.eq(event.claimId()).and(CLAIM.LAST_GLOBAL_INDEX.lt(GlobalIndex.of(token)))));
    }

    @EventHandler
    void on(ClaimCancelled event, @Timestamp Instant at, TrackingToken token) {
        update(event.claimId(), ClaimStatus.CANCELLED, at, token, event.reason(), null, null);
    }

    private <T> void update(String claimId, ClaimStatus status, Instant at, TrackingToken token, String reason,
                            TableField<ClaimRecord, T> field, org.jooq.Field<T> value) {
        var step = db.update(CLAIM)
                .set(CLAIM.STATUS, status.name())
                .set(CLAIM.STATUS_CHANGED_AT, at.atOffset(ZoneOffset.UTC))
                .set(CLAIM.LAST_GLOBAL_INDEX, GlobalIndex.of(token));
        if (reason != null) {
            step = step.set(CLAIM.LAST_REASON, reason);
        }
        if (field != null) {
            step = step.set(field, value);
        }
        BatchedWrites.execute(db, step.where(CLAIM.CLAIM_ID.eq(claimId)
                .and(CLAIM.LAST_GLOBAL_INDEX.lt(GlobalIndex.of(token)))));
    }

    @ResetHandler
    void reset() {
        db.truncate(CLAIM).execute();
    }

    @QueryHandler
    public ClaimView handle(ClaimQuery query) {
        ClaimRecord row = db.selectFrom(CLAIM).where(CLAIM.CLAIM_ID.eq(query.claimId())).fetchOne();
        return row == null ? null : view(row);
    }

    @QueryHandler
    public MemberClaimsView handle(MemberClaimsQuery query) {
        return new MemberClaimsView(query.memberId(), db.selectFrom(CLAIM).where(CLAIM.MEMBER_ID.eq(query.memberId()))
                .orderBy(CLAIM.SUBMITTED_AT.desc()).limit(MEMBER_CLAIMS_MAX).fetch(ClaimProjection::view));
    }

    @QueryHandler
    public ReviewQueueView handle(ReviewQueueQuery query) {
        Instant now = Instant.now();
        int limit = Math.max(1, Math.min(query.limit(), QUEUE_MAX));
        return new ReviewQueueView(db.selectFrom(CLAIM)
                .where(CLAIM.STATUS.in(ClaimStatus.SUBMITTED.name(), ClaimStatus.AWAITING_SECOND_APPROVAL.name(),
                        ClaimStatus.RETURNED.name()).and(inSubtree(CLAIM.ORG_ID, query.orgId())))
                .orderBy(CLAIM.SUBMITTED_AT.asc()).limit(limit)
                .fetch(row -> {
                    Duration age = Duration.between(row.getSubmittedAt().toInstant(), now);
                    return new ReviewQueueItem(row.getClaimId(), row.getPoolId(), row.getMemberId(),
                            row.getPlanCode(), row.getStatus(), row.getCalculatedBenefitFen(),
                            row.getSubmittedAt().toInstant(), row.getStatusChangedAt().toInstant(), age.toHours(),
                            age.toDays());
                }));
    }

    @QueryHandler
    public ClaimStatisticsView handle(ClaimStatisticsQuery query) {
        Condition paid = DSL.condition("pool_id = {0} AND period_id = {1} AND status = 'PAID'",
                DSL.val(query.poolId()), DSL.val(query.periodId()))
                .and(inSubtree(DSL.field(DSL.name("org_id"), String.class), query.orgId()));
        List<PayoutGroup> groups = db.resultQuery("""
                SELECT plan_code, org_id, to_char(paid_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
                       count(*) AS payouts, sum(paid_fen) AS sum_fen,
                       percentile_disc(0.5) WITHIN GROUP (ORDER BY paid_fen) AS p50_fen,
                       percentile_disc(0.9) WITHIN GROUP (ORDER BY paid_fen) AS p90_fen
                FROM claim WHERE {0}
                GROUP BY plan_code, org_id, month ORDER BY plan_code, org_id, month LIMIT {1}""",
                paid, DSL.val(STATISTICS_GROUPS_MAX))
                .fetch(row -> new PayoutGroup(row.get("plan_code", String.class), row.get("org_id", String.class),
                        row.get("month", String.class), row.get("payouts", Long.class),
                        row.get("sum_fen", Long.class), row.get("p50_fen", Long.class),
                        row.get("p90_fen", Long.class)));
        Record totals = db.resultQuery("""
                SELECT count(*) AS paid_count, coalesce(sum(paid_fen), 0) AS paid_fen,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM paid_at - submitted_at))
                           AS median_seconds,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM paid_at - submitted_at))
                           AS p90_seconds
                FROM claim WHERE {0}""", paid).fetchOne();
        long contributions = db.select(DSL.coalesce(DSL.sum(COVERAGE.AMOUNT_FEN), DSL.val(java.math.BigDecimal.ZERO)))
                .from(COVERAGE).where(COVERAGE.POOL_ID.eq(query.poolId()).and(COVERAGE.PERIOD_ID.eq(query.periodId()))
                        .and(inSubtree(COVERAGE.ORG_ID, query.orgId())))
                .fetchOne(0, Long.class);
        long paidFen = totals.get("paid_fen", Long.class);
        Long lossRatio = contributions == 0 ? null : Math.multiplyExact(paidFen, 10_000L) / contributions;
        Double median = totals.get("median_seconds", Double.class);
        Double p90 = totals.get("p90_seconds", Double.class);
        return new ClaimStatisticsView(query.poolId(), query.periodId(), groups, totals.get("paid_count", Long.class),
                paidFen, contributions, lossRatio, median == null ? null : Math.round(median),
                p90 == null ? null : Math.round(p90));
    }

    /**
     * Rows of an organisation and every organisation below it (org_tree paths); every row when orgId is
     * null, none when the organisation is unknown.
     */
    private Condition inSubtree(Field<String> orgIdField, String orgId) {
        if (orgId == null) {
            return DSL.trueCondition();
        }
        return db.select(ORG_TREE.PATH).from(ORG_TREE).where(ORG_TREE.ORG_ID.eq(orgId)).fetchOptional(ORG_TREE.PATH)
                .map(path -> orgIdField.in(DSL.select(ORG_TREE.ORG_ID).from(ORG_TREE)
                        .where(OrgTreeProjection.startsWith(ORG_TREE.PATH, path))))
                .orElse(DSL.falseCondition());
    }

    static ClaimView view(ClaimRecord row) {
        return new ClaimView(row.getClaimId(), row.getPoolId(), row.getMemberId(), row.getOrgId(), row.getPlanCode(),
                row.getPeriodId(), row.getStatus(), row.getInvoiceNumber(), row.getEventDate(), row.getTotalCostFen(),
                row.getCalculatedBenefitFen(), row.getApprovedFen(), row.getPaidFen(), row.getSubmittedBy(),
                row.getSubmittedAt().toInstant(), row.getStatusChangedAt().toInstant(),
                row.getPaidAt() == null ? null : row.getPaidAt().toInstant(), row.getPaymentReference(),
                row.getLastReason(), row.getDocuments());
    }
}
