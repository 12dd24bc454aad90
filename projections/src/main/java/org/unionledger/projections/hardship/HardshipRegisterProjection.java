package org.unionledger.projections.hardship;

import static org.unionledger.projections.jooq.Tables.HARDSHIP_CASE;
import static org.unionledger.projections.jooq.Tables.HARDSHIP_CHECK;
import static org.unionledger.projections.jooq.Tables.HARDSHIP_GRANT;
import static org.unionledger.projections.jooq.Tables.HARDSHIP_STATUS_CHANGE;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.unionledger.core.hardship.CaseStatus;
import org.unionledger.core.hardship.GrantStatus;
import org.unionledger.core.hardship.HardshipCause;
import org.unionledger.core.hardship.HardshipEvents.AnnualReviewRecorded;
import org.unionledger.core.hardship.HardshipEvents.DeepHardshipFlagged;
import org.unionledger.core.hardship.HardshipEvents.GrantApproved;
import org.unionledger.core.hardship.HardshipEvents.GrantAwaitingFunds;
import org.unionledger.core.hardship.HardshipEvents.GrantPaid;
import org.unionledger.core.hardship.HardshipEvents.GrantProposed;
import org.unionledger.core.hardship.HardshipEvents.GrantRejected;
import org.unionledger.core.hardship.HardshipEvents.GrantReservationRetried;
import org.unionledger.core.hardship.HardshipEvents.GrantReserved;
import org.unionledger.core.hardship.HardshipEvents.HardshipCaseRegistered;
import org.unionledger.core.hardship.HardshipEvents.HardshipCaseVerified;
import org.unionledger.core.hardship.HardshipEvents.HardshipExited;
import org.unionledger.core.hardship.HardshipEvents.HardshipReentered;
import org.unionledger.core.hardship.HardshipEvents.VerificationCheckRecorded;
import org.unionledger.projections.support.ProjectionGroups;

/**
 * The hardship register: households, their checks, grants, and entries into and exits from
 * hardship. Idempotent: the case row remembers the last case event applied, and every other
 * write happens only when that guard lets the event through.
 */
@Component
@ProcessingGroup(HardshipRegisterProjection.PROCESSING_GROUP)
public class HardshipRegisterProjection {

    public static final String PROCESSING_GROUP = ProjectionGroups.MONEY_AND_CASES;
    /** The most rows a register page returns. */
    public static final int PAGE_SIZE_MAX = 500;

    private final DSLContext db;

    public HardshipRegisterProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(HardshipCaseRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        int inserted = db.insertInto(HARDSHIP_CASE)
                .set(HARDSHIP_CASE.CASE_ID, event.caseId())
                .set(HARDSHIP_CASE.MEMBER_ID, event.memberId())
                .set(HARDSHIP_CASE.ORG_ID, event.orgId())
                .set(HARDSHIP_CASE.HOUSEHOLD_SIZE, event.householdSize())
                .set(HARDSHIP_CASE.MONTHLY_INCOME_PER_HEAD_FEN, event.monthlyIncomePerHeadFen())
                .set(HARDSHIP_CASE.CAUSES, names(event.causes()))
                .set(HARDSHIP_CASE.STATUS, CaseStatus.REGISTERED.name())
                .set(HARDSHIP_CASE.REGISTERED_ON, event.registeredOn())
                .set(HARDSHIP_CASE.LAST_SEQUENCE, sequence)
                .set(HARDSHIP_CASE.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                .onConflict(HARDSHIP_CASE.CASE_ID).doNothing()
                .execute();
        if (inserted == 1) {
            requireChecks(event.caseId(), event.requiredChecks());
            statusChange(event.caseId(), sequence, event.orgId(), "ENTERED", event.registeredOn());
        }
    }

    @EventHandler
    void on(VerificationCheckRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (advance(event.caseId(), sequence, at)) {
            db.update(HARDSHIP_CHECK)
                    .set(HARDSHIP_CHECK.PASSED, event.passed())
                    .set(HARDSHIP_CHECK.NOTE, event.note())
                    .set(HARDSHIP_CHECK.CHECKED_BY, event.checkedBy())
                    .set(HARDSHIP_CHECK.CHECKED_ON, event.checkedOn())
                    .where(HARDSHIP_CHECK.CASE_ID.eq(event.caseId()), HARDSHIP_CHECK.DEPARTMENT.eq(event.department()))
                    .execute();
        }
    }

    @EventHandler
    void on(HardshipCaseVerified event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (advance(event.caseId(), sequence, at)) {
            db.update(HARDSHIP_CASE)
                    .set(HARDSHIP_CASE.STATUS, CaseStatus.VERIFIED.name())
                    .set(HARDSHIP_CASE.VERIFIED_ON, event.verifiedOn())
                    .where(HARDSHIP_CASE.CASE_ID.eq(event.caseId()))
                    .execute();
        }
    }

    @EventHandler
    void on(DeepHardshipFlagged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (advance(event.caseId(), sequence, at)) {
            db.update(HARDSHIP_CASE)
                    .set(HARDSHIP_CASE.DEEP_HARDSHIP, true)
                    .set(HARDSHIP_CASE.CERTIFICATE_NUMBER, event.certificateNumber())
                    .where(HARDSHIP_CASE.CASE_ID.eq(event.caseId()))
                    .execute();
        }
    }

    @EventHandler
    void on(AnnualReviewRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (advance(event.caseId(), sequence, at)) {
            db.update(HARDSHIP_CASE)
                    .set(HARDSHIP_CASE.HOUSEHOLD_SIZE, event.householdSize())
                    .set(HARDSHIP_CASE.MONTHLY_INCOME_PER_HEAD_FEN, event.monthlyIncomePerHeadFen())
                    .set(HARDSHIP_CASE.LAST_REVIEWED_YEAR, event.year())
                    .where(HARDSHIP_CASE.CASE_ID.eq(event.caseId()))
                    .execute();
        }
    }

    @EventHandler
    void on(HardshipExited event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (advance(event.caseId(), sequence, at)) {
            db.update(HARDSHIP_CASE)
                    .set(HARDSHIP_CASE.STATUS, CaseStatus.EXITED.name())
                    .set(HARDSHIP_CASE.EXITED_ON, event.exitedOn())
                    .set(HARDSHIP_CASE.EXIT_REASON, event.reason().name())
                    .where(HARDSHIP_CASE.CASE_ID.eq(event.caseId()))
                    .execute();
            statusChange(event.caseId(), sequence, event.orgId(), "EXITED", event.exitedOn());
        }
    }

    @EventHandler
    void on(HardshipReentered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (advance(event.caseId(), sequence, at)) {
            db.update(HARDSHIP_CASE)
                    .set(HARDSHIP_CASE.STATUS, CaseStatus.REGISTERED.name())
                    .set(HARDSHIP_CASE.CAUSES, names(event.causes()))
                    .setNull(HARDSHIP_CASE.VERIFIED_ON)
                    .setNull(HARDSHIP_CASE.EXITED_ON)
                    .setNull(HARDSHIP_CASE.EXIT_REASON)
                    .where(HARDSHIP_CASE.CASE_ID.eq(event.caseId()))
                    .execute();
            db.deleteFrom(HARDSHIP_CHECK).where(HARDSHIP_CHECK.CASE_ID.eq(event.caseId())).execute();
            requireChecks(event.caseId(), event.requiredChecks());
            statusChange(event.caseId(), sequence, event.orgId(), "ENTERED", event.reenteredOn());
        }
    }

    @EventHandler
    void on(GrantProposed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (advance(event.caseId(), sequence, at)) {
            var goods = event.goods();
            db.insertInto(HARDSHIP_GRANT)
                    .set(HARDSHIP_GRANT.CASE_ID, event.caseId())
                    .set(HARDSHIP_GRANT.GRANT_ID, event.grantId())
                    .set(HARDSHIP_GRANT.ORG_ID, event.orgId())
                    .set(HARDSHIP_GRANT.FUND_ID, event.fundId())
                    .set(HARDSHIP_GRANT.ASSISTANCE_TYPE, event.type().name())
                    .set(HARDSHIP_GRANT.AMOUNT_FEN, event.amountFen())
                    .set(HARDSHIP_GRANT.CHILD_ID, event.childId())
                    .set(HARDSHIP_GRANT.GOODS_DESCRIPTION, goods == null ? null : goods.description())
                    .set(HARDSHIP_GRANT.GOODS_QUANTITY, goods == null ? null : goods.quantity())
                    .set(HARDSHIP_GRANT.GOODS_UNIT_VALUE_FEN, goods == null ? null : goods.unitValueFen())
                    .set(HARDSHIP_GRANT.STATUS, GrantStatus.PROPOSED.name())
                    .set(HARDSHIP_GRANT.PROPOSED_BY, event.proposedBy())
                    .set(HARDSHIP_GRANT.PROPOSED_ON, event.proposedOn())
                    .onConflictDoNothing()
                    .execute();
        }
    }

    @EventHandler
    void on(GrantApproved event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (advance(event.caseId(), sequence, at)) {
            db.update(HARDSHIP_GRANT)
                    .set(HARDSHIP_GRANT.STATUS, GrantStatus.APPROVED.name())
                    .set(HARDSHIP_GRANT.APPROVED_BY, event.approvedBy())
                    .set(HARDSHIP_GRANT.APPROVED_ON, event.approvedOn())
                    .set(HARDSHIP_GRANT.RESERVATION_ID, event.reservationId())
                    .where(grant(event.caseId(), event.grantId()))
                    .execute();
        }
    }

    @EventHandler
    void on(GrantRejected event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (advance(event.caseId(), sequence, at)) {
            db.update(HARDSHIP_GRANT)
                    .set(HARDSHIP_GRANT.STATUS, GrantStatus.REJECTED.name())
                    .set(HARDSHIP_GRANT.REJECTED_BY, event.rejectedBy())
                    .set(HARDSHIP_GRANT.REJECTED_ON, event.rejectedOn())
                    .set(HARDSHIP_GRANT.REJECTION_REASON, event.reason())
                    .where(grant(event.caseId(), event.grantId()))
                    .execute();
        }
    }

    @EventHandler
    void on(GrantReservationRetried event, @SequenceNumber long sequence, @Timestamp Instant at) {
        grantStatus(event.caseId(), event.grantId(), sequence, at, GrantStatus.APPROVED, null);
    }

    @EventHandler
    void on(GrantAwaitingFunds event, @SequenceNumber long sequence, @Timestamp Instant at) {
        grantStatus(event.caseId(), event.grantId(), sequence, at, GrantStatus.AWAITING_FUNDS, event.reasonCode());
    }

    @EventHandler
    void on(GrantReserved event, @SequenceNumber long sequence, @Timestamp Instant at) {
        grantStatus(event.caseId(), event.grantId(), sequence, at, GrantStatus.RESERVED, null);
    }

    @EventHandler
    void on(GrantPaid event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (advance(event.caseId(), sequence, at)) {
            db.update(HARDSHIP_GRANT)
                    .set(HARDSHIP_GRANT.STATUS, GrantStatus.PAID.name())
                    .set(HARDSHIP_GRANT.PAYMENT_REFERENCE, event.paymentReference())
                    .set(HARDSHIP_GRANT.PAID_ON, event.paidOn())
                    .setNull(HARDSHIP_GRANT.AWAITING_REASON)
                    .where(grant(event.caseId(), event.grantId()))
                    .execute();
        }
    }

    @ResetHandler
    void reset() {
        db.truncate(HARDSHIP_GRANT).execute();
        db.truncate(HARDSHIP_STATUS_CHANGE).execute();
        db.truncate(HARDSHIP_CHECK).execute();
        db.truncate(HARDSHIP_CASE).execute();
    }

    @QueryHandler
    HardshipCaseView handle(HardshipCaseQuery query) {
        var row = db.selectFrom(HARDSHIP_CASE).where(HARDSHIP_CASE.CASE_ID.eq(query.caseId())).fetchOne();
        if (row == null) {
            return null;
        }
        var checks = db.selectFrom(HARDSHIP_CHECK).where(HARDSHIP_CHECK.CASE_ID.eq(query.caseId()))
                .orderBy(HARDSHIP_CHECK.DEPARTMENT).fetch(check -> new HardshipCaseView.Check(check.getDepartment(),
                        check.getPassed(), check.getNote(), check.getCheckedBy(), check.getCheckedOn()));
        var grants = db.selectFrom(HARDSHIP_GRANT).where(HARDSHIP_GRANT.CASE_ID.eq(query.caseId()))
                .orderBy(HARDSHIP_GRANT.PROPOSED_ON, HARDSHIP_GRANT.GRANT_ID)
                .fetch(g -> new HardshipCaseView.Grant(g.getGrantId(), g.getFundId(), g.getAssistanceType(),
                        g.getAmountFen(), g.getChildId(), g.getGoodsDescription(), g.getGoodsQuantity(),
                        g.getGoodsUnitValueFen(), g.getStatus(), g.getAwaitingReason(), g.getProposedBy(),
                        g.getProposedOn(), g.getApprovedBy(), g.getApprovedOn(), g.getRejectedBy(),
                        g.getRejectedOn(), g.getRejectionReason(), g.getPaymentReference(), g.getPaidOn()));
        return new HardshipCaseView(row.getCaseId(), row.getMemberId(), row.getOrgId(), row.getHouseholdSize(),
                row.getMonthlyIncomePerHeadFen(), List.of(row.getCauses()), row.getStatus(), row.getDeepHardship(),
                row.getCertificateNumber(), row.getRegisteredOn(), row.getVerifiedOn(), row.getExitedOn(),
                row.getExitReason(), row.getLastReviewedYear(), checks, grants, row.getLastSequence());
    }

    @QueryHandler
    HardshipRegisterView handle(HardshipRegisterQuery query) {
        Condition where = DSL.trueCondition();
        if (query.status() != null) {
            where = where.and(query.status().equals("ACTIVE") ? HARDSHIP_CASE.STATUS.ne(CaseStatus.EXITED.name())
                    : HARDSHIP_CASE.STATUS.eq(query.status()));
        }
        if (query.cause() != null) {
            where = where.and(DSL.val(query.cause().name()).eq(DSL.any(HARDSHIP_CASE.CAUSES)));
        }
        if (query.orgId() != null) {
            where = where.and(HARDSHIP_CASE.ORG_ID.eq(query.orgId()));
        }
        int limit = Math.max(1, Math.min(query.limit(), PAGE_SIZE_MAX));
        var counts = db.select(HARDSHIP_CASE.STATUS, DSL.count()).from(HARDSHIP_CASE).where(where)
                .groupBy(HARDSHIP_CASE.STATUS).fetchMap(HARDSHIP_CASE.STATUS, DSL.count());
        int exited = counts.getOrDefault(CaseStatus.EXITED.name(), 0);
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        var rows = db.selectFrom(HARDSHIP_CASE).where(where).orderBy(HARDSHIP_CASE.CASE_ID).limit(limit)
                .fetch(r -> new HardshipRegisterView.Entry(r.getCaseId(), r.getMemberId(), r.getOrgId(),
                        r.getStatus(), List.of(r.getCauses()), r.getDeepHardship(), r.getRegisteredOn(),
                        r.getExitedOn(), r.getExitReason()));
        return new HardshipRegisterView(total - exited, exited, total, rows);
    }

    /** Lets a case event through once: true when it is newer than the last one applied. */
    private boolean advance(String caseId, long sequence, Instant at) {
        return db.update(HARDSHIP_CASE)
                .set(HARDSHIP_CASE.LAST_SEQUENCE, sequence)
                .set(HARDSHIP_CASE.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                .where(HARDSHIP_CASE.CASE_ID.eq(caseId), HARDSHIP_CASE.LAST_SEQUENCE.lt(sequence))
                .execute() == 1;
    }

    private void grantStatus(String caseId, String grantId, long sequence, Instant at, GrantStatus status,
                             String awaitingReason) {
        if (advance(caseId, sequence, at)) {
            db.update(HARDSHIP_GRANT)
                    .set(HARDSHIP_GRANT.STATUS, status.name())
                    .set(HARDSHIP_GRANT.AWAITING_REASON, awaitingReason)
                    .where(grant(caseId, grantId))
                    .execute();
        }
    }

    private static Condition grant(String caseId, String grantId) {
        return HARDSHIP_GRANT.CASE_ID.eq(caseId).and(HARDSHIP_GRANT.GRANT_ID.eq(grantId));
    }

    private void requireChecks(String caseId, List<String> departments) {
        for (String department : departments) {
            db.insertInto(HARDSHIP_CHECK)
                    .set(HARDSHIP_CHECK.CASE_ID, caseId)
                    .set(HARDSHIP_CHECK.DEPARTMENT, department)
                    .set(HARDSHIP_CHECK.REQUIRED, true)
                    .onConflictDoNothing()
                    .execute();
        }
    }

    private void statusChange(String caseId, long sequence, String orgId, String kind, java.time.LocalDate on) {
        db.insertInto(HARDSHIP_STATUS_CHANGE)
                .set(HARDSHIP_STATUS_CHANGE.CASE_ID, caseId)
                .set(HARDSHIP_STATUS_CHANGE.SEQUENCE, sequence)
                .set(HARDSHIP_STATUS_CHANGE.ORG_ID, orgId)
                .set(HARDSHIP_STATUS_CHANGE.KIND, kind)
                .set(HARDSHIP_STATUS_CHANGE.ON_DATE, on)
                .onConflictDoNothing()
                .execute();
    }

    private static String[] names(List<HardshipCause> causes) {
        return causes.stream().map(Enum::name).toArray(String[]::new);
    }
}
