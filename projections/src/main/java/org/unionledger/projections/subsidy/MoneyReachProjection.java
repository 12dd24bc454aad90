package org.unionledger.projections.subsidy;

import static org.unionledger.projections.jooq.Tables.MONEY_REACH;
import static org.unionledger.projections.jooq.Tables.ORG_TREE;
import static org.unionledger.projections.support.PreparedWrite.insertInto;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.unionledger.core.fund.FundEvents.AllocationClawbackStarted;
import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.org.OrgLevel;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyPaid;
import org.unionledger.projections.org.OrgTreeProjection;
import org.unionledger.projections.support.BatchedWrites;
import org.unionledger.projections.support.PreparedWrite;
import org.unionledger.projections.support.ProjectionGroups;
import org.unionledger.projections.support.Ratios;

/**
 * Where money went: every allocation received, every subsidy grant paid (arriving at the
 * member's organisation) and every other payout (arriving at the paying fund's organisation),
 * with payer and destination organisation. Levels come from the org tree at query time, so the
 * order in which the two projections catch up does not matter. Idempotent by event key.
 *
 * <p>Grassroots share (docs/subsidy.md): over money leaving funds of organisations above the
 * grassroots (city, district, township) inside the scope, the part that arrived at grassroots
 * unions or enterprises. Allocations count only when they arrive at the grassroots (money passed
 * between upper levels is counted when it leaves them for good); clawbacks count negatively.
 */
@Component
@ProcessingGroup(MoneyReachProjection.PROCESSING_GROUP)
public class MoneyReachProjection {

    public static final String PROCESSING_GROUP = ProjectionGroups.MONEY_AND_CASES;
    private static final List<String> GRASSROOTS_LEVELS = List.of(OrgLevel.GRASSROOTS.name(),
            OrgLevel.ENTERPRISE.name());

    /**
     * One row per event, queued with the processor batch's other writes (a payout is every claim's
     * last event, so a statement of its own per event was a round trip each; docs/PERFORMANCE.md,
     * setting 24).
     */
    private static final PreparedWrite INSERT = PreparedWrite.of("money_reach insert",
            insertInto(MONEY_REACH, MONEY_REACH.EVENT_KEY, MONEY_REACH.KIND, MONEY_REACH.PAYER_ORG_ID,
                    MONEY_REACH.DESTINATION_ORG_ID, MONEY_REACH.AMOUNT_FEN, MONEY_REACH.RECORDED_AT)
                    .onConflictDoNothing());

    private final DSLContext db;

    public MoneyReachProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(AllocationReceived event, @Timestamp Instant at) {
        record("allocation:" + event.allocationId(), "ALLOCATION", event.sourceOrgId(), event.orgId(),
                event.amountFen(), at);
    }

    @EventHandler
    void on(AllocationClawbackStarted event, @Timestamp Instant at) {
        record("clawback:" + event.clawbackId(), "CLAWBACK", event.sourceOrgId(), event.orgId(), -event.amountFen(),
                at);
    }

    @EventHandler
    void on(SubsidyPaid event, @Timestamp Instant at) {
        String destination = event.memberOrgId() != null ? event.memberOrgId() : event.orgId();
        record("grant:" + event.grantId(), "SUBSIDY_GRANT", event.orgId(), destination, event.amountFen(), at);
    }

    @EventHandler
    void on(ReservationDisbursed event, @Timestamp Instant at) {
        if (event.purpose() != ReservationPurpose.SUBSIDY_GRANT) {
            record("payout:" + event.fundId() + ":" + event.reservationId(), "PAYOUT", event.orgId(), event.orgId(),
                    event.amountFen(), at);
        }
    }

    @EventHandler
    void on(PaymentReturned event, @Timestamp Instant at) {
        // A returned subsidy payment is counted back at the paying organisation.
        record("return:" + event.fundId() + ":" + event.reservationId(), "RETURN", event.orgId(), event.orgId(),
                -event.amountFen(), at);
    }

    private void record(String key, String kind, String payerOrgId, String destinationOrgId, long amountFen,
                        Instant at) {
        BatchedWrites.execute(db, INSERT, key, kind, payerOrgId == null ? "unknown" : payerOrgId,
                destinationOrgId == null ? "unknown" : destinationOrgId, amountFen, at.atOffset(ZoneOffset.UTC));
    }

    @ResetHandler
    void reset() {
        db.truncate(MONEY_REACH).execute();
    }

    @QueryHandler
    GrassrootsShareView handle(GrassrootsShareQuery query) {
        var payer = ORG_TREE.as("payer");
        var destination = ORG_TREE.as("destination");
        Condition scope = DSL.trueCondition();
        if (query.orgId() != null) {
            var path = db.select(ORG_TREE.PATH).from(ORG_TREE).where(ORG_TREE.ORG_ID.eq(query.orgId()))
                    .fetchOptional(ORG_TREE.PATH);
            if (path.isEmpty()) {
                return null;
            }
            scope = OrgTreeProjection.startsWith(payer.PATH, path.get());
        }
        var reachesGrassroots = destination.LEVEL.in(GRASSROOTS_LEVELS);
        var counted = MONEY_REACH.KIND.notIn("ALLOCATION", "CLAWBACK").or(reachesGrassroots);
        var row = db.select(
                        DSL.coalesce(DSL.sum(MONEY_REACH.AMOUNT_FEN), DSL.inline(java.math.BigDecimal.ZERO)),
                        DSL.coalesce(DSL.sum(DSL.when(reachesGrassroots, MONEY_REACH.AMOUNT_FEN).otherwise(0L)),
                                DSL.inline(java.math.BigDecimal.ZERO)))
                .from(MONEY_REACH)
                .join(payer).on(payer.ORG_ID.eq(MONEY_REACH.PAYER_ORG_ID))
                .leftJoin(destination).on(destination.ORG_ID.eq(MONEY_REACH.DESTINATION_ORG_ID))
                .where(payer.LEVEL.notIn(GRASSROOTS_LEVELS))
                .and(scope)
                .and(counted)
                .fetchOne();
        long totalFen = row.value1().longValue();
        long grassrootsFen = row.value2().longValue();
        return new GrassrootsShareView(query.orgId(), totalFen, grassrootsFen, Ratios.percent(grassrootsFen, totalFen));
    }
}
