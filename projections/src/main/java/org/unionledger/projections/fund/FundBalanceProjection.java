package org.unionledger.projections.fund;

import static org.unionledger.projections.jooq.Tables.FUND_BALANCE;
import static org.unionledger.projections.jooq.Tables.FUND_CONTRIBUTION;
import static org.unionledger.projections.support.PreparedWrite.insertInto;
import static org.unionledger.projections.support.PreparedWrite.value;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import org.unionledger.projections.support.PreparedRead;
import org.unionledger.projections.support.PreparedWrite;
import org.unionledger.projections.support.PreparedWrite.Folded;
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

    /** A fund's row goes out before the batch's moves, which then form one run (see {@link #MOVE}). */
    private static final PreparedWrite FUND_INSERT = PreparedWrite.ofInsertFirst("fund_balance insert",
            insertInto(FUND_BALANCE, FUND_BALANCE.FUND_ID, FUND_BALANCE.ORG_ID, FUND_BALANCE.NAME,
                    FUND_BALANCE.FUND_TYPE, FUND_BALANCE.LAST_SEQUENCE, FUND_BALANCE.UPDATED_AT)
                    .onConflict(FUND_BALANCE.FUND_ID).doNothing());

    /**
     * A contribution's row: an insert that goes first, so that it never splits the run of moves; a
     * batch's contribution rows go out as multi-row inserts.
     */
    private static final PreparedWrite CONTRIBUTION_INSERT = PreparedWrite.ofInsertFirst("fund_contribution insert",
            insertInto(FUND_CONTRIBUTION, FUND_CONTRIBUTION.CONTRIBUTION_ID, FUND_CONTRIBUTION.FUND_ID,
                    FUND_CONTRIBUTION.ORG_ID, FUND_CONTRIBUTION.AMOUNT_FEN, FUND_CONTRIBUTION.PAYER_TYPE,
                    FUND_CONTRIBUTION.CHANNEL, FUND_CONTRIBUTION.EFFECTIVE_DATE, FUND_CONTRIBUTION.MEMO,
                    FUND_CONTRIBUTION.RECORDED_AT, FUND_CONTRIBUTION.GLOBAL_INDEX)
                    .onConflictDoNothing());

    /**
     * Every event's change to a fund's row. A processor batch's moves go out together, folded into
     * one per fund ({@link #foldMoves}): an import's or a replay's hundreds of contributions to one
     * fund are one update of its row, not hundreds (docs/PERFORMANCE.md, setting 52).
     */
    private static final PreparedWrite MOVE = PreparedWrite.of("fund_balance move", moveQuery())
            .foldedBy(FundBalanceProjection::foldMoves);

    /** Where {@link #moveValues} puts what {@link #foldMoves} reads: the changes first, then these. */
    private static final int CHANGES = 5;
    private static final int SEQUENCE = 5;
    private static final int FUND = 7;
    private static final int APPLIED_BEFORE = 8;

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
        BatchedWrites.execute(db, MOVE,
                moveValues(fundId, sequence, at, availableFen, reservedFen, inFen, outFen, pendingInFen));
    }

    /** The values of {@link #moveQuery()}, in the order of its placeholders. */
    private static Object[] moveValues(String fundId, long sequence, Instant at, long availableFen, long reservedFen,
                                       long inFen, long outFen, long pendingInFen) {
        return new Object[] {pendingInFen, availableFen, reservedFen, inFen, outFen, sequence,
                at.atOffset(ZoneOffset.UTC), fundId, sequence};
    }

    /**
     * A batch's moves on each fund as one: the changes summed, with the last move's sequence and
     * time, guarded by the first move's sequence. It applies only if the row had applied none of
     * them; a row that had applied some (events delivered again) matches nothing, and the fund's
     * moves then run one by one, each with its own guard. A fund's moves in a batch follow its
     * sequence; should they not, they are not folded.
     */
    private static List<Folded> foldMoves(List<Object[]> moves) {
        Map<Object, List<Object[]>> byFund = new LinkedHashMap<>();
        for (Object[] move : moves) {
            byFund.computeIfAbsent(move[FUND], fund -> new ArrayList<>()).add(move);
        }
        List<Folded> folded = new ArrayList<>(byFund.size());
        for (List<Object[]> fundMoves : byFund.values()) {
            if (fundMoves.size() == 1 || !inSequence(fundMoves)) {
                fundMoves.forEach(move -> folded.add(new Folded(move, List.<Object[]>of(move))));
                continue;
            }
            Object[] sum = fundMoves.get(fundMoves.size() - 1).clone();
            for (int change = 0; change < CHANGES; change++) {
                long total = 0;
                for (Object[] move : fundMoves) {
                    total = Math.addExact(total, (Long) move[change]);
                }
                sum[change] = total;
            }
            sum[APPLIED_BEFORE] = fundMoves.get(0)[SEQUENCE];
            folded.add(new Folded(sum, fundMoves));
        }
        return folded;
    }

    private static boolean inSequence(List<Object[]> fundMoves) {
        for (int i = 1; i < fundMoves.size(); i++) {
            if ((Long) fundMoves.get(i)[SEQUENCE] <= (Long) fundMoves.get(i - 1)[SEQUENCE]) {
                return false;
            }
        }
        return true;
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

    private static final PreparedRead<FundBalanceRecord> BALANCE = PreparedRead.of("fund balance", FUND_BALANCE,
            DSL.selectFrom(FUND_BALANCE).where(FUND_BALANCE.FUND_ID.eq(value(FUND_BALANCE.FUND_ID))));

    @QueryHandler
    FundBalanceView handle(FundBalanceQuery query) {
        FundBalanceRecord row = BALANCE.fetchFirst(db, query.fundId());
        return row == null ? null : new FundBalanceView(row.getFundId(), row.getOrgId(), row.getName(),
                row.getFundType(), row.getAvailableFen(), row.getReservedFen(), row.getInFen(), row.getOutFen(),
                row.getLastSequence(), row.getUpdatedAt().toInstant(), row.getPendingInFen());
    }
}
