package org.unionledger.projections.fund;

import static org.unionledger.projections.jooq.Tables.FUND_BALANCE;
import static org.unionledger.projections.jooq.Tables.FUND_CONTRIBUTION;
import static org.unionledger.projections.support.PreparedWrite.insertInto;
import static org.unionledger.projections.support.PreparedWrite.values;

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
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
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

    private static final PreparedWrite FUND_INSERT = PreparedWrite.ofInsertFirst("fund_balance insert",
            insertInto(FUND_BALANCE, FUND_BALANCE.FUND_ID, FUND_BALANCE.ORG_ID, FUND_BALANCE.NAME,
                    FUND_BALANCE.FUND_TYPE, FUND_BALANCE.LAST_SEQUENCE, FUND_BALANCE.UPDATED_AT)
                    .onConflict(FUND_BALANCE.FUND_ID).doNothing());

    /** A contribution's row: keyed, so a replayed contribution inserts nothing. */
    private static final PreparedWrite CONTRIBUTION_INSERT = PreparedWrite.ofInsertFirst("fund_contribution insert",
            insertInto(FUND_CONTRIBUTION, FUND_CONTRIBUTION.CONTRIBUTION_ID, FUND_CONTRIBUTION.FUND_ID,
                    FUND_CONTRIBUTION.ORG_ID, FUND_CONTRIBUTION.AMOUNT_FEN, FUND_CONTRIBUTION.PAYER_TYPE,
                    FUND_CONTRIBUTION.CHANNEL, FUND_CONTRIBUTION.EFFECTIVE_DATE, FUND_CONTRIBUTION.MEMO,
                    FUND_CONTRIBUTION.RECORDED_AT, FUND_CONTRIBUTION.GLOBAL_INDEX)
                    .onConflictDoNothing());

    /**
     * The changes of a processor batch's events to the funds' rows, as one statement (a write of
     * rows, {@link PreparedWrite#ofRows}): each fund's row takes the sum of its events that it has
     * not applied yet (sequence above its last), and the last sequence and time of those. Rows and
     * contributions are inserts that go first, so this finds every row it changes. One update per
     * fund and batch instead of one per event: most events of a replay move a handful of busy funds
     * (docs/PERFORMANCE.md, setting 50).
     */
    private static final PreparedWrite MOVES = PreparedWrite.ofRows("fund_balance moves", DSL.query("""
            update {0} as f set pending_in_fen = f.pending_in_fen + m.pending_in_change,
              available_fen = f.available_fen + m.available_change,
              reserved_fen = f.reserved_fen + m.reserved_change,
              in_fen = f.in_fen + m.in_change, out_fen = f.out_fen + m.out_change,
              last_sequence = m.last_sequence, updated_at = m.updated_at
            from (select u.fund_id, cast(sum(u.pending_in_change) as bigint) as pending_in_change,
                cast(sum(u.available_change) as bigint) as available_change,
                cast(sum(u.reserved_change) as bigint) as reserved_change,
                cast(sum(u.in_change) as bigint) as in_change, cast(sum(u.out_change) as bigint) as out_change,
                max(u.sequence) as last_sequence,
                (array_agg(u.updated_at order by u.sequence desc))[1] as updated_at
              from unnest(cast({2} as varchar[]), cast({3} as bigint[]), cast({4} as timestamp with time zone[]),
                  cast({5} as bigint[]), cast({6} as bigint[]), cast({7} as bigint[]), cast({8} as bigint[]),
                  cast({9} as bigint[]))
                as u (fund_id, sequence, updated_at, pending_in_change, available_change, reserved_change,
                  in_change, out_change)
              join {1} as b on b.fund_id = u.fund_id and u.sequence > b.last_sequence
              group by u.fund_id) as m
            where f.fund_id = m.fund_id""",
            FUND_BALANCE, FUND_BALANCE,
            values("fund_id", SQLDataType.VARCHAR), values("sequence", SQLDataType.BIGINT),
            values("updated_at", SQLDataType.TIMESTAMPWITHTIMEZONE), values("pending_in_change", SQLDataType.BIGINT),
            values("available_change", SQLDataType.BIGINT), values("reserved_change", SQLDataType.BIGINT),
            values("in_change", SQLDataType.BIGINT), values("out_change", SQLDataType.BIGINT)));

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
        BatchedWrites.execute(db, CONTRIBUTION_INSERT, event.contributionId(), event.fundId(), event.orgId(),
                event.amountFen(), event.payerType().name(), event.channel(), event.effectiveDate(), event.memo(),
                at.atOffset(ZoneOffset.UTC), GlobalIndex.of(token));
        move(event.fundId(), sequence, at, event.amountFen(), 0, event.amountFen(), 0);
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
        BatchedWrites.execute(db, MOVES, fundId, sequence, at.atOffset(ZoneOffset.UTC), pendingInFen, availableFen,
                reservedFen, inFen, outFen);
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
