package org.unionledger.projections.hardship;

import static org.unionledger.projections.jooq.Tables.HARDSHIP_FUND;
import static org.unionledger.projections.jooq.Tables.HARDSHIP_FUND_FLOW;
import static org.unionledger.projections.support.PreparedWrite.insertInto;
import static org.unionledger.projections.support.PreparedWrite.value;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;
import org.unionledger.projections.support.BatchedWrites;
import org.unionledger.projections.support.PreparedWrite;
import org.unionledger.projections.support.ProjectionGroups;

/**
 * Money of the hardship funds (funds of type HARDSHIP): raised, by source, and spent on grants
 * (payments returned by the bank count back). Idempotent: one row per fund, kind and entry id.
 * Events of one fund arrive in order, so a fund is known as a hardship fund before its money.
 *
 * <p>Every fund's money passes through here, and few funds are hardship funds: the projection
 * remembers each fund's kind, which never changes, and queues a statement only for a hardship
 * fund's money. A replay of the bench's city-year sent 78,654 flow statements that inserted 285
 * rows before (docs/PERFORMANCE.md, setting 32).
 */
@Component
@ProcessingGroup(HardshipMoneyProjection.PROCESSING_GROUP)
public class HardshipMoneyProjection {

    public static final String PROCESSING_GROUP = ProjectionGroups.MONEY_AND_CASES;

    private static final PreparedWrite FUND_INSERT = PreparedWrite.of("hardship_fund insert",
            insertInto(HARDSHIP_FUND, HARDSHIP_FUND.FUND_ID, HARDSHIP_FUND.ORG_ID).onConflictDoNothing());

    /** The fund id comes from hardship_fund's row: no row (not a hardship fund), no flow. */
    private static final PreparedWrite FLOW_INSERT = PreparedWrite.of("hardship_fund_flow insert",
            DSL.insertInto(HARDSHIP_FUND_FLOW, HARDSHIP_FUND_FLOW.FUND_ID, HARDSHIP_FUND_FLOW.ENTRY_ID,
                            HARDSHIP_FUND_FLOW.ORG_ID, HARDSHIP_FUND_FLOW.KIND, HARDSHIP_FUND_FLOW.PAYER_TYPE,
                            HARDSHIP_FUND_FLOW.AMOUNT_FEN, HARDSHIP_FUND_FLOW.ON_DATE)
                    .select(DSL.select(HARDSHIP_FUND.FUND_ID, value(HARDSHIP_FUND_FLOW.ENTRY_ID),
                                    value(HARDSHIP_FUND_FLOW.ORG_ID), value(HARDSHIP_FUND_FLOW.KIND),
                                    value(HARDSHIP_FUND_FLOW.PAYER_TYPE), value(HARDSHIP_FUND_FLOW.AMOUNT_FEN),
                                    value(HARDSHIP_FUND_FLOW.ON_DATE))
                            .from(HARDSHIP_FUND)
                            .where(HARDSHIP_FUND.FUND_ID.eq(value(HARDSHIP_FUND.FUND_ID))))
                    .onConflictDoNothing());

    /** Funds whose kind this node remembers; past it, it forgets them all and asks the table again. */
    static final int FUND_KINDS_REMEMBERED_MAX = 100_000;

    private final DSLContext db;
    /**
     * Whether a fund is a hardship fund, from its FundOpened event or from hardship_fund's row. A
     * fund's kind never changes, so an entry stays true across rollbacks, resets and other nodes.
     */
    private final Map<String, Boolean> hardshipFunds = new ConcurrentHashMap<>();

    public HardshipMoneyProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(FundOpened event) {
        remember(event.fundId(), event.fundType() == FundType.HARDSHIP);
        if (event.fundType() == FundType.HARDSHIP) {
            BatchedWrites.execute(db, FUND_INSERT, event.fundId(), event.orgId());
        }
    }

    @EventHandler
    void on(ContributionRecorded event) {
        flow(event.fundId(), event.orgId(), event.contributionId(), "RAISED", event.payerType(), event.amountFen(),
                event.effectiveDate());
    }

    @EventHandler
    void on(ReservationDisbursed event) {
        flow(event.fundId(), event.orgId(), event.reservationId(), "SPENT", null, event.amountFen(), event.paidOn());
    }

    @EventHandler
    void on(PaymentReturned event) {
        flow(event.fundId(), event.orgId(), event.reservationId(), "RETURNED", null, event.amountFen(),
                event.returnedOn());
    }

    /**
     * Records the flow when the fund is a hardship fund: one statement that checks and inserts (a
     * fund opened earlier in the same batch is inserted first, statements keep their order).
     */
    private void flow(String fundId, String orgId, String entryId, String kind, PayerType payerType, long amountFen,
                      LocalDate on) {
        if (!isHardshipFund(fundId)) {
            return;
        }
        BatchedWrites.execute(db, FLOW_INSERT, entryId, orgId, kind, payerType == null ? null : payerType.name(),
                amountFen, on, fundId);
    }

    /**
     * A fund this node has not seen opened (opened before it started, or while another node ran this
     * processor) is looked up once: its FundOpened came before its money, so its row is committed.
     */
    private boolean isHardshipFund(String fundId) {
        Boolean known = hardshipFunds.get(fundId);
        if (known == null) {
            known = db.fetchExists(HARDSHIP_FUND, HARDSHIP_FUND.FUND_ID.eq(fundId));
            remember(fundId, known);
        }
        return known;
    }

    private void remember(String fundId, boolean hardship) {
        if (hardshipFunds.size() >= FUND_KINDS_REMEMBERED_MAX) {
            hardshipFunds.clear();
        }
        hardshipFunds.put(fundId, hardship);
    }

    @ResetHandler
    void reset() {
        db.truncate(HARDSHIP_FUND_FLOW).execute();
        db.truncate(HARDSHIP_FUND).execute();
    }
}
