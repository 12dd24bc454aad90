package org.unionledger.projections.allocation;

import static org.unionledger.projections.jooq.Tables.ALLOCATION;
import static org.unionledger.projections.jooq.Tables.FUND_BALANCE;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.unionledger.core.fund.FundEvents.AllocationAccepted;
import org.unionledger.core.fund.FundEvents.AllocationClawbackStarted;
import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.AllocationSent;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.ReservationReleased;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.projections.jooq.tables.records.AllocationRecord;
import org.unionledger.projections.support.ProjectionGroups;

/**
 * Every fund-to-fund transfer and the step it reached. A status only moves forward (by rank), so
 * a replayed event changes nothing.
 */
@Component
@ProcessingGroup(AllocationProjection.PROCESSING_GROUP)
public class AllocationProjection {

    public static final String PROCESSING_GROUP = ProjectionGroups.MONEY_AND_CASES;

    private final DSLContext db;

    public AllocationProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(AllocationClawbackStarted event, @Timestamp Instant at) {
        OffsetDateTime now = at.atOffset(ZoneOffset.UTC);
        insert(event.clawbackId(), AllocationView.Kind.CLAWBACK, event.allocationId(), event.fundId(), event.orgId(),
                event.sourceFundId(), event.amountFen(), now);
        db.update(ALLOCATION)
                .set(ALLOCATION.CLAWBACK_ID, event.clawbackId())
                .set(ALLOCATION.CLAWED_BACK_FEN, event.amountFen())
                .set(ALLOCATION.UPDATED_AT, now)
                .where(ALLOCATION.ALLOCATION_ID.eq(event.allocationId()))
                .execute();
    }

    @EventHandler
    void on(FundsReserved event, @Timestamp Instant at) {
        if (event.purpose() == ReservationPurpose.ALLOCATION) {
            insert(event.reservationId(), AllocationView.Kind.ALLOCATION, null, event.fundId(), event.orgId(),
                    event.reference(), event.amountFen(), at.atOffset(ZoneOffset.UTC));
        }
    }

    private void insert(String id, AllocationView.Kind kind, String clawbackOf, String sourceFundId,
                        String sourceOrgId, String targetFundId, long amountFen, OffsetDateTime at) {
        db.insertInto(ALLOCATION)
                .set(ALLOCATION.ALLOCATION_ID, id)
                .set(ALLOCATION.KIND, kind.name())
                .set(ALLOCATION.CLAWBACK_OF, clawbackOf)
                .set(ALLOCATION.SOURCE_FUND_ID, sourceFundId)
                .set(ALLOCATION.SOURCE_ORG_ID, sourceOrgId)
                .set(ALLOCATION.TARGET_FUND_ID, targetFundId)
                .set(ALLOCATION.AMOUNT_FEN, amountFen)
                .set(ALLOCATION.STATUS, AllocationView.Status.RESERVED.name())
                .set(ALLOCATION.STATUS_RANK, AllocationView.Status.RESERVED.ordinal())
                .set(ALLOCATION.REQUESTED_AT, at)
                .set(ALLOCATION.UPDATED_AT, at)
                .onConflict(ALLOCATION.ALLOCATION_ID).doNothing()
                .execute();
    }

    @EventHandler
    void on(AllocationAccepted event, @Timestamp Instant at) {
        db.update(ALLOCATION).set(ALLOCATION.TARGET_ORG_ID, event.orgId())
                .where(ALLOCATION.ALLOCATION_ID.eq(event.allocationId())).execute();
        advance(event.allocationId(), AllocationView.Status.ACCEPTED, null, at);
    }

    @EventHandler
    void on(AllocationSent event, @Timestamp Instant at) {
        advance(event.allocationId(), AllocationView.Status.SENT, null, at);
    }

    @EventHandler
    void on(AllocationReceived event, @Timestamp Instant at) {
        advance(event.allocationId(), AllocationView.Status.RECEIVED, null, at);
    }

    @EventHandler
    void on(ReservationReleased event, @Timestamp Instant at) {
        if (event.purpose() == ReservationPurpose.ALLOCATION) {
            advance(event.reservationId(), AllocationView.Status.REFUSED, event.reason(), at);
            // A refused clawback gives the allocation back its unused part.
            db.update(ALLOCATION).set(ALLOCATION.CLAWBACK_ID, (String) null).set(ALLOCATION.CLAWED_BACK_FEN, 0L)
                    .where(ALLOCATION.CLAWBACK_ID.eq(event.reservationId())).execute();
        }
    }

    private void advance(String allocationId, AllocationView.Status status, String reason, Instant at) {
        db.update(ALLOCATION)
                .set(ALLOCATION.STATUS, status.name())
                .set(ALLOCATION.STATUS_RANK, status.ordinal())
                .set(ALLOCATION.REFUSAL_REASON, reason)
                .set(ALLOCATION.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                .where(ALLOCATION.ALLOCATION_ID.eq(allocationId))
                .and(ALLOCATION.STATUS_RANK.lt(status.ordinal()))
                .execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(ALLOCATION).execute();
    }

    /**
     * An allocation with its drawdown. The unused part is what is left of it after clawbacks,
     * bounded by the target fund's available balance now; the rest has been drawn down (spent or
     * held for payouts). With several allocations into one fund each is bounded by the same
     * balance, so "unused" is an upper bound per allocation.
     */
    @QueryHandler
    AllocationView handle(AllocationQuery query) {
        AllocationRecord row = db.selectFrom(ALLOCATION).where(ALLOCATION.ALLOCATION_ID.eq(query.allocationId()))
                .fetchOne();
        if (row == null) {
            return null;
        }
        long unusedFen = 0;
        long drawnDownFen = 0;
        if (AllocationView.Status.valueOf(row.getStatus()) == AllocationView.Status.RECEIVED) {
            long available = db.select(FUND_BALANCE.AVAILABLE_FEN).from(FUND_BALANCE)
                    .where(FUND_BALANCE.FUND_ID.eq(row.getTargetFundId())).fetchOptional(FUND_BALANCE.AVAILABLE_FEN)
                    .orElse(0L);
            long left = row.getAmountFen() - row.getClawedBackFen();
            unusedFen = Math.max(0, Math.min(left, available));
            drawnDownFen = left - unusedFen;
        }
        return new AllocationView(row.getAllocationId(), AllocationView.Kind.valueOf(row.getKind()),
                row.getClawbackOf(), row.getSourceFundId(), row.getSourceOrgId(), row.getTargetFundId(),
                row.getTargetOrgId(), row.getAmountFen(), AllocationView.Status.valueOf(row.getStatus()),
                row.getRefusalReason(), row.getClawbackId(), row.getClawedBackFen(), drawnDownFen, unusedFen,
                row.getRequestedAt().toInstant(), row.getUpdatedAt().toInstant());
    }
}
