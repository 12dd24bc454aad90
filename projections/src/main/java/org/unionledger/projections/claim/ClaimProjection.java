package org.unionledger.projections.claim;

import static org.unionledger.projections.jooq.Tables.CLAIM;
import static org.unionledger.projections.jooq.Tables.COVERAGE;
import static org.unionledger.projections.jooq.Tables.ORG_TREE;
import static org.unionledger.projections.support.PreparedWrite.insertInto;
import static org.unionledger.projections.support.PreparedWrite.value;

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
import org.jooq.impl.SQLDataType;
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
import org.unionledger.projections.support.PreparedRead;
import org.unionledger.projections.support.PreparedWrite;
import org.unionledger.projections.support.GlobalIndex;
import org.unionledger.projections.support.ProjectionGroups;

/**
 * One row per claim. Idempotent: each update applies only if the event is later than the last one
 * applied to the row (global index guard), so a redelivered batch changes nothing. Writes go out
 * once per processor batch ({@link BatchedWrites}), as statements rendered once: the claims' new
 * rows first, then every update in order.
 */
@Component
@ProcessingGroup(ClaimProjection.PROCESSING_GROUP)
public class ClaimProjection {

    public static final String PROCESSING_GROUP = ProjectionGroups.MONEY_AND_CASES;
    static final int MEMBER_CLAIMS_MAX = 500;
    static final int QUEUE_MAX = 500;
    static final int STATISTICS_GROUPS_MAX = 5_000;

    /** A claim's row, added before the transaction's updates (which may be this claim's own). */
    private static final PreparedWrite INSERT = PreparedWrite.ofInsertFirst("claim insert",
            insertInto(CLAIM, CLAIM.CLAIM_ID, CLAIM.POOL_ID, CLAIM.MEMBER_ID, CLAIM.ORG_ID, CLAIM.PLAN_CODE,
                    CLAIM.PERIOD_ID, CLAIM.STATUS, CLAIM.INVOICE_NUMBER, CLAIM.EVENT_DATE, CLAIM.TOTAL_COST_FEN,
                    CLAIM.CALCULATED_BENEFIT_FEN, CLAIM.SUBMITTED_BY, CLAIM.SUBMITTED_AT, CLAIM.STATUS_CHANGED_AT,
                    CLAIM.DOCUMENTS, CLAIM.LAST_GLOBAL_INDEX).onConflictDoNothing());

    /**
     * Every later event of a claim, in one statement, so that consecutive events of any claims go
     * out as one JDBC batch: a column an event does not change is given with its flag false. One
     * statement per kind of event went out as a batch per run of that kind, a round trip each;
     * rendering each update with its values made PostgreSQL parse and plan every one
     * (docs/PERFORMANCE.md, setting 32).
     */
    private static final PreparedWrite UPDATE = PreparedWrite.of("claim update", DSL.update(CLAIM)
            .set(CLAIM.STATUS, value(CLAIM.STATUS))
            .set(CLAIM.STATUS_CHANGED_AT, value(CLAIM.STATUS_CHANGED_AT))
            .set(CLAIM.LAST_GLOBAL_INDEX, value(CLAIM.LAST_GLOBAL_INDEX))
            .set(CLAIM.LAST_REASON, changed(CLAIM.LAST_REASON))
            .set(CLAIM.APPROVED_FEN, changed(CLAIM.APPROVED_FEN))
            .set(CLAIM.DOCUMENTS, CLAIM.DOCUMENTS.plus(value("documents_added", CLAIM.DOCUMENTS)))
            .set(CLAIM.PAID_AT, changed(CLAIM.PAID_AT))
            .set(CLAIM.PAID_FEN, changed(CLAIM.PAID_FEN))
            .set(CLAIM.PAYMENT_REFERENCE, changed(CLAIM.PAYMENT_REFERENCE))
            .where(CLAIM.CLAIM_ID.eq(value(CLAIM.CLAIM_ID)))
            .and(CLAIM.LAST_GLOBAL_INDEX.lt(value("applied_before", CLAIM.LAST_GLOBAL_INDEX))));

    private final DSLContext db;

    public ClaimProjection(DSLContext db) {
        this.db = db;
    }

    /** {@code CASE WHEN <column>_changes THEN <new value> ELSE column END}: two placeholders. */
    private static <T> Field<T> changed(TableField<ClaimRecord, T> column) {
        return DSL.when(DSL.condition(value(column.getName() + "_changes", SQLDataType.BOOLEAN)),
                value(column.getName() + "_to", column)).else_(column);
    }

    @EventHandler
    void on(ClaimSubmitted event, @Timestamp Instant at, TrackingToken token) {
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        BatchedWrites.execute(db, INSERT, event.claimId(), event.poolId(), event.memberId(), event.orgId(),
                event.planCode(), event.periodId(), ClaimStatus.SUBMITTED.name(), event.invoiceNumber(),
                event.dateOfBirth() != null ? event.dateOfBirth() : event.admissionDate(), event.totalCostFen(),
                event.calculatedBenefitFen(), event.submittedBy(), when, when, event.documents().size(),
                GlobalIndex.of(token));
    }

    @EventHandler
    void on(ClaimDocumentsAdded event, @Timestamp Instant at, TrackingToken token) {
        update(new Change(event.claimId(), ClaimStatus.SUBMITTED, at, token).documentsAdded(event.documents().size()));
    }

    @EventHandler
    void on(ClaimApproved event, @Timestamp Instant at, TrackingToken token) {
        ClaimStatus status = event.finalApproval() ? ClaimStatus.APPROVED : ClaimStatus.AWAITING_SECOND_APPROVAL;
        update(new Change(event.claimId(), status, at, token).reason(event.adjustmentReason())
                .approved(event.approvedFen()));
    }

    @EventHandler
    void on(ClaimRejected event, @Timestamp Instant at, TrackingToken token) {
        update(new Change(event.claimId(), ClaimStatus.REJECTED, at, token).reason(event.reasonCode()));
    }

    @EventHandler
    void on(ClaimReturned event, @Timestamp Instant at, TrackingToken token) {
        update(new Change(event.claimId(), ClaimStatus.RETURNED, at, token).reason(event.note()));
    }

    @EventHandler
    void on(ClaimAwaitingFunds event, @Timestamp Instant at, TrackingToken token) {
        update(new Change(event.claimId(), ClaimStatus.AWAITING_FUNDS, at, token).reason(event.reason()));
    }

    @EventHandler
    void on(ClaimPayoutReserved event, @Timestamp Instant at, TrackingToken token) {
        update(new Change(event.claimId(), ClaimStatus.PAYOUT_RESERVED, at, token));
    }

    @EventHandler
    void on(ClaimPaid event, @Timestamp Instant at, TrackingToken token) {
        update(new Change(event.claimId(), ClaimStatus.PAID, at, token)
                .paid(event.amountFen(), event.paymentReference()));
    }

    @EventHandler
    void on(ClaimPaymentReturned event, @Timestamp Instant at, TrackingToken token) {
        update(new Change(event.claimId(), ClaimStatus.AWAITING_FUNDS, at, token)
                .reason("payment returned: " + event.bankReference()).paymentUndone());
    }

    @EventHandler
    void on(ClaimCancelled event, @Timestamp Instant at, TrackingToken token) {
        update(new Change(event.claimId(), ClaimStatus.CANCELLED, at, token).reason(event.reason()));
    }

    private void update(Change change) {
        BatchedWrites.execute(db, UPDATE, change.values());
    }

    /**
     * What one event changes in a claim's row, as {@link #UPDATE}'s values: status, when and the
     * event's position always; the reason only if it gives one, like the approved amount, the
     * documents and the payment.
     */
    private static final class Change {

        private final String claimId;
        private final ClaimStatus status;
        private final OffsetDateTime at;
        private final long globalIndex;
        private String reason;
        private Long approvedFen;
        private int documentsAdded;
        private boolean paymentChanges;
        private OffsetDateTime paidAt;
        private Long paidFen;
        private boolean referenceChanges;
        private String paymentReference;

        Change(String claimId, ClaimStatus status, Instant at, TrackingToken token) {
            this.claimId = claimId;
            this.status = status;
            this.at = at.atOffset(ZoneOffset.UTC);
            this.globalIndex = GlobalIndex.of(token);
        }

        Change reason(String reason) {
            this.reason = reason;
            return this;
        }

        Change approved(long approvedFen) {
            this.approvedFen = approvedFen;
            return this;
        }

        Change documentsAdded(int documents) {
            this.documentsAdded = documents;
            return this;
        }

        /** Paid when the event happened. */
        Change paid(long paidFen, String paymentReference) {
            this.paymentChanges = true;
            this.paidAt = at;
            this.paidFen = paidFen;
            this.referenceChanges = true;
            this.paymentReference = paymentReference;
            return this;
        }

        /** A payment the bank returned: paid at and paid amount cleared, the reference kept. */
        Change paymentUndone() {
            this.paymentChanges = true;
            return this;
        }

        Object[] values() {
            return new Object[] {status.name(), at, globalIndex, reason != null, reason, approvedFen != null,
                    approvedFen, documentsAdded, paymentChanges, paidAt, paymentChanges, paidFen, referenceChanges,
                    paymentReference, claimId, globalIndex};
        }
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

    private static final PreparedRead<ClaimRecord> MEMBER_CLAIMS = PreparedRead.of("member claims", CLAIM,
            DSL.selectFrom(CLAIM).where(CLAIM.MEMBER_ID.eq(PreparedWrite.value(CLAIM.MEMBER_ID)))
                    .orderBy(CLAIM.SUBMITTED_AT.desc()).limit(DSL.inline(MEMBER_CLAIMS_MAX)));

    @QueryHandler
    public MemberClaimsView handle(MemberClaimsQuery query) {
        return new MemberClaimsView(query.memberId(), MEMBER_CLAIMS.fetch(db, query.memberId())
                .map(ClaimProjection::view));
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
