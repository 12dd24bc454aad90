package org.unionledger.projections.fund;

import static org.unionledger.projections.jooq.Tables.FUND_BALANCE;
import static org.unionledger.projections.jooq.Tables.FUND_CONTRIBUTION;

import java.time.Instant;
import java.time.ZoneOffset;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.unionledger.core.fund.FundEvents.AllocationAccepted;
import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.AllocationSent;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundEvents.ReservationReleased;
import org.unionledger.projections.support.BatchedWrites;
import org.unionledger.projections.support.GlobalIndex;

/**
 * Balances of every fund: available, reserved, in, out. Idempotent: a row remembers the last
 * aggregate sequence it applied, so a replayed event changes nothing. Writes go out once per
 * processor batch ({@link BatchedWrites}).
 */
@Component
@ProcessingGroup(FundBalanceProjection.PROCESSING_GROUP)
public class FundBalanceProjection {

    public static final String PROCESSING_GROUP = "fund_balance";

    private final DSLContext db;

    public FundBalanceProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(FundOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        BatchedWrites.execute(db, db.insertInto(FUND_BALANCE)
                .set(FUND_BALANCE.FUND_ID, event.fundId())
                .set(FUND_BALANCE.ORG_ID, event.orgId())
                .set(FUND_BALANCE.NAME, event.name())
                .set(FUND_BALANCE.FUND_TYPE, event.fundType().name())
                .set(FUND_BALANCE.LAST_SEQUENCE, sequence)
                .set(FUND_BALANCE.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                .onConflict(FUND_BALANCE.FUND_ID).doNothing());
    }

    @EventHandler
    void on(ContributionRecorded event, @SequenceNumber long sequence, @Timestamp Instant at,
            TrackingToken token) {
        move(event.fundId(), sequence, at, event.amountFen(), 0, event.amountFen(), 0);
        BatchedWrites.execute(db, db.insertInto(FUND_CONTRIBUTION)
                .set(FUND_CONTRIBUTION.CONTRIBUTION_ID, event.contributionId())
                .set(FUND_CONTRIBUTION.FUND_ID, event.fundId())
                .set(FUND_CONTRIBUTION.ORG_ID, event.orgId())
                .set(FUND_CONTRIBUTION.AMOUNT_FEN, event.amountFen())
                .set(FUND_CONTRIBUTION.PAYER_TYPE, event.payerType().name())
                .set(FUND_CONTRIBUTION.CHANNEL, event.channel())
                .set(FUND_CONTRIBUTION.EFFECTIVE_DATE, event.effectiveDate())
                .set(FUND_CONTRIBUTION.MEMO, event.memo())
                .set(FUND_CONTRIBUTION.RECORDED_AT, at.atOffset(ZoneOffset.UTC))
                .set(FUND_CONTRIBUTION.GLOBAL_INDEX, GlobalIndex.of(token))
                .onConflictDoNothing());
    }

    @EventHandler
    void on(FundsReserved event, @SequenceNumber long sequence, @Timestamp Instant at) {
        move(event.fundId(), sequence, at, -event.amountFen(), event.amountFen(), 0, 0);
    }

    @EventHandler
    void on(ReservationDisbursed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        move(event.fundId(), sequence, at, 0, -event.amountFen(), 0, event.amountFen());
    }

    @EventHandler
    void on(ReservationReleased event, @SequenceNumber long sequence, @Timestamp Instant at) {
        move(event.fundId(), sequence, at, event.amountFen(), -event.amountFen(), 0, 0);
    }

    @EventHandler
    void on(PaymentReturned event, @SequenceNumber long sequence, @Timestamp Instant at) {
        move(event.fundId(), sequence, at, event.amountFen(), 0, 0, -event.amountFen());
    }

    /** Allocation step 2 on the target: money on its way, not yet the target's. */
    @EventHandler
    void on(AllocationAccepted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        move(event.fundId(), sequence, at, 0, 0, 0, 0, event.amountFen());
    }

    /** Allocation step 3 on the source: held money left. */
    @EventHandler
    void on(AllocationSent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        move(event.fundId(), sequence, at, 0, -event.amountFen(), 0, event.amountFen());
    }

    /** Allocation step 4 on the target: pending money became available. */
    @EventHandler
    void on(AllocationReceived event, @SequenceNumber long sequence, @Timestamp Instant at) {
        move(event.fundId(), sequence, at, event.amountFen(), 0, event.amountFen(), 0, -event.amountFen());
    }

    private void move(String fundId, long sequence, Instant at, long availableFen, long reservedFen, long inFen,
                      long outFen) {
        move(fundId, sequence, at, availableFen, reservedFen, inFen, outFen, 0);
    }

    /** Applies one event's change to a fund's row, once: replays of older sequences are ignored. */
    private void move(String fundId, long sequence, Instant at, long availableFen, long reservedFen, long inFen,
                      long outFen, long pendingInFen) {
        BatchedWrites.execute(db, db.update(FUND_BALANCE)
                .set(FUND_BALANCE.PENDING_IN_FEN, FUND_BALANCE.PENDING_IN_FEN.plus(pendingInFen))
                .set(FUND_BALANCE.AVAILABLE_FEN, FUND_BALANCE.AVAILABLE_FEN.plus(availableFen))
                .set(FUND_BALANCE.RESERVED_FEN, FUND_BALANCE.RESERVED_FEN.plus(reservedFen))
                .set(FUND_BALANCE.IN_FEN, FUND_BALANCE.IN_FEN.plus(inFen))
                .set(FUND_BALANCE.OUT_FEN, FUND_BALANCE.OUT_FEN.plus(outFen))
                .set(FUND_BALANCE.LAST_SEQUENCE, sequence)
                .set(FUND_BALANCE.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                .where(FUND_BALANCE.FUND_ID.eq(fundId))
                .and(FUND_BALANCE.LAST_SEQUENCE.lt(sequence)));
    }

    @ResetHandler
    void reset() {
        db.truncate(FUND_CONTRIBUTION).execute();
        db.truncate(FUND_BALANCE).execute();
    }

    @QueryHandler
    FundBalanceView handle(FundBalanceQuery query) {
        return db.selectFrom(FUND_BALANCE)
                .where(FUND_BALANCE.FUND_ID.eq(query.fundId()))
                .fetchOptional()
                .map(row -> new FundBalanceView(row.getFundId(), row.getOrgId(), row.getName(), row.getFundType(),
                        row.getAvailableFen(), row.getReservedFen(), row.getInFen(), row.getOutFen(),
                        row.getLastSequence(), row.getUpdatedAt().toInstant(), row.getPendingInFen()))
                .orElse(null);
    }
}
