package org.unionledger.projections.fund;

import static org.unionledger.projections.jooq.Tables.FUND_BALANCE;
import static org.unionledger.projections.jooq.Tables.FUND_CONTRIBUTION;
import static org.unionledger.projections.support.PreparedWrite.insertInto;
import static org.unionledger.projections.support.PreparedWrite.value;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.jooq.UpdateConditionStep;
import org.jooq.impl.DSL;
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
import org.unionledger.projections.jooq.tables.records.FundBalanceRecord;
import org.unionledger.projections.support.BatchedWrites;
import org.unionledger.projections.support.GlobalIndex;
import org.unionledger.projections.support.PreparedWrite;
import org.unionledger.projections.support.ProjectionGroups;

/**
 * Balances of every fund: available, reserved, in, out. Idempotent: a row remembers the last
 * aggregate sequence it applied, so a replayed event changes nothing. Writes go out once per
 * processor batch ({@link BatchedWrites}), as statements rendered once ({@link PreparedWrite}).
 */
@Component
@ProcessingGroup(FundBalanceProjection.PROCESSING_GROUP)
public class FundBalanceProjection {

    public static final String PROCESSING_GROUP = ProjectionGroups.MONEY_AND_CASES;

    private static final PreparedWrite FUND_INSERT = PreparedWrite.of("fund_balance insert",
            insertInto(FUND_BALANCE, FUND_BALANCE.FUND_ID, FUND_BALANCE.ORG_ID, FUND_BALANCE.NAME,
                    FUND_BALANCE.FUND_TYPE, FUND_BALANCE.LAST_SEQUENCE, FUND_BALANCE.UPDATED_AT)
                    .onConflict(FUND_BALANCE.FUND_ID).doNothing());

    private static final PreparedWrite MOVE = PreparedWrite.of("fund_balance move", moveQuery());

    /**
     * A contribution's move and its row in one statement (the update runs whether or not the insert
     * inserts), so that consecutive contributions are consecutive executions of one statement and go
     * out as one JDBC batch; two statements alternating would cost a round trip each.
     */
    private static final PreparedWrite CONTRIBUTION_INSERT = PreparedWrite.of("fund_contribution insert",
            DSL.with(DSL.name("moved").as(moveQuery().returning(FUND_BALANCE.FUND_ID)))
                    .insertInto(FUND_CONTRIBUTION, FUND_CONTRIBUTION.CONTRIBUTION_ID, FUND_CONTRIBUTION.FUND_ID,
                            FUND_CONTRIBUTION.ORG_ID, FUND_CONTRIBUTION.AMOUNT_FEN, FUND_CONTRIBUTION.PAYER_TYPE,
                            FUND_CONTRIBUTION.CHANNEL, FUND_CONTRIBUTION.EFFECTIVE_DATE, FUND_CONTRIBUTION.MEMO,
                            FUND_CONTRIBUTION.RECORDED_AT, FUND_CONTRIBUTION.GLOBAL_INDEX)
                    .values(value(FUND_CONTRIBUTION.CONTRIBUTION_ID), value("contribution_fund_id",
                                    FUND_CONTRIBUTION.FUND_ID), value(FUND_CONTRIBUTION.ORG_ID),
                            value("amount_fen", FUND_CONTRIBUTION.AMOUNT_FEN), value(FUND_CONTRIBUTION.PAYER_TYPE),
                            value(FUND_CONTRIBUTION.CHANNEL), value(FUND_CONTRIBUTION.EFFECTIVE_DATE),
                            value(FUND_CONTRIBUTION.MEMO), value(FUND_CONTRIBUTION.RECORDED_AT),
                            value(FUND_CONTRIBUTION.GLOBAL_INDEX))
                    .onConflictDoNothing());

    private final DSLContext db;

    public FundBalanceProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(FundOpened event, @SequenceNumber long sequence, @Timestamp Instant at) {
        BatchedWrites.execute(db, FUND_INSERT, event.fundId(), event.orgId(), event.name(), event.fundType().name(),
                sequence, at.atOffset(ZoneOffset.UTC));
    }

    @EventHandler
    void on(ContributionRecorded event, @SequenceNumber long sequence, @Timestamp Instant at,
            TrackingToken token) {
        Object[] move = moveValues(event.fundId(), sequence, at, event.amountFen(), 0, event.amountFen(), 0, 0);
        Object[] contribution = {event.contributionId(), event.fundId(), event.orgId(), event.amountFen(),
                event.payerType().name(), event.channel(), event.effectiveDate(), event.memo(),
                at.atOffset(ZoneOffset.UTC), GlobalIndex.of(token)};
        Object[] values = Arrays.copyOf(move, move.length + contribution.length);
        System.arraycopy(contribution, 0, values, move.length, contribution.length);
        BatchedWrites.execute(db, CONTRIBUTION_INSERT, values);
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
        BatchedWrites.execute(db, MOVE,
                moveValues(fundId, sequence, at, availableFen, reservedFen, inFen, outFen, pendingInFen));
    }

    /** The values of {@link #moveQuery()}, in the order of its placeholders. */
    private static Object[] moveValues(String fundId, long sequence, Instant at, long availableFen, long reservedFen,
                                       long inFen, long outFen, long pendingInFen) {
        return new Object[] {pendingInFen, availableFen, reservedFen, inFen, outFen, sequence,
                at.atOffset(ZoneOffset.UTC), fundId, sequence};
    }

    /** Adds the changes to a fund's row, unless the row already applied this sequence or a later one. */
    private static UpdateConditionStep<FundBalanceRecord> moveQuery() {
        return DSL.update(FUND_BALANCE)
                .set(FUND_BALANCE.PENDING_IN_FEN,
                        FUND_BALANCE.PENDING_IN_FEN.plus(value("pending_in_change", FUND_BALANCE.PENDING_IN_FEN)))
                .set(FUND_BALANCE.AVAILABLE_FEN,
                        FUND_BALANCE.AVAILABLE_FEN.plus(value("available_change", FUND_BALANCE.AVAILABLE_FEN)))
                .set(FUND_BALANCE.RESERVED_FEN,
                        FUND_BALANCE.RESERVED_FEN.plus(value("reserved_change", FUND_BALANCE.RESERVED_FEN)))
                .set(FUND_BALANCE.IN_FEN, FUND_BALANCE.IN_FEN.plus(value("in_change", FUND_BALANCE.IN_FEN)))
                .set(FUND_BALANCE.OUT_FEN, FUND_BALANCE.OUT_FEN.plus(value("out_change", FUND_BALANCE.OUT_FEN)))
                .set(FUND_BALANCE.LAST_SEQUENCE, value("sequence", FUND_BALANCE.LAST_SEQUENCE))
                .set(FUND_BALANCE.UPDATED_AT, value(FUND_BALANCE.UPDATED_AT))
                .where(FUND_BALANCE.FUND_ID.eq(value(FUND_BALANCE.FUND_ID)))
                .and(FUND_BALANCE.LAST_SEQUENCE.lt(value("sequence_applied_before", FUND_BALANCE.LAST_SEQUENCE)));
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
