package org.unionledger.projections.pool;

import static org.unionledger.projections.jooq.Tables.POOL;
import static org.unionledger.projections.jooq.Tables.POOL_PERIOD;
import static org.unionledger.projections.jooq.Tables.POOL_PLAN;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.unionledger.core.pool.CoveragePeriod;
import org.unionledger.core.pool.Plan;
import org.unionledger.core.pool.PoolCatalogue;
import org.unionledger.core.pool.PoolEvents.CoveragePeriodOpened;
import org.unionledger.core.pool.PoolEvents.PlanAdded;
import org.unionledger.core.pool.PoolEvents.PoolCreated;
import org.unionledger.projections.pool.PoolQueries.PoolCatalogueQuery;
import org.unionledger.projections.support.ProjectionGroups;

/** Pools, their plans and periods: what the enrolment flow checks an enrolment against. */
@Component
@ProcessingGroup(PoolCatalogueProjection.PROCESSING_GROUP)
public class PoolCatalogueProjection {

    public static final String PROCESSING_GROUP = ProjectionGroups.MONEY_AND_CASES;

    private final DSLContext db;

    public PoolCatalogueProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(PoolCreated event, @Timestamp Instant at) {
        db.insertInto(POOL)
                .set(POOL.POOL_ID, event.poolId())
                .set(POOL.ORG_ID, event.orgId())
                .set(POOL.NAME, event.name())
                .set(POOL.FUND_ID, event.fundId())
                .set(POOL.CREATED_AT, at.atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(PlanAdded event) {
        Plan plan = event.plan();
        db.insertInto(POOL_PLAN)
                .set(POOL_PLAN.POOL_ID, event.poolId())
                .set(POOL_PLAN.PLAN_CODE, plan.code())
                .set(POOL_PLAN.NAME, plan.name())
                .set(POOL_PLAN.CONTRIBUTION_PER_SHARE_FEN, plan.contributionPerShareFen())
                .set(POOL_PLAN.SHARES_MIN, plan.sharesMin())
                .set(POOL_PLAN.SHARES_MAX, plan.sharesMax())
                .set(POOL_PLAN.BENEFIT_CAP_FEN, plan.benefitCapFen())
                .set(POOL_PLAN.FIXED_BENEFIT_FEN, plan.fixedBenefitFen())
                .set(POOL_PLAN.WAITING_PERIOD_DAYS, plan.waitingPeriodDays())
                .set(POOL_PLAN.FEMALE_ONLY, plan.femaleOnly())
                .set(POOL_PLAN.DEDUCTIBLE_FEN, plan.deductibleFen())
                .set(POOL_PLAN.REIMBURSEMENT_RATE_BASIS_POINTS, plan.reimbursementRateBasisPoints())
                .set(POOL_PLAN.CLAIM_CAP_FEN, plan.claimCapFen())
                .onConflictDoNothing()
                .execute();
    }

    @EventHandler
    void on(CoveragePeriodOpened event) {
        db.insertInto(POOL_PERIOD)
                .set(POOL_PERIOD.POOL_ID, event.poolId())
                .set(POOL_PERIOD.PERIOD_ID, event.periodId())
                .set(POOL_PERIOD.START_DATE, event.startDate())
                .set(POOL_PERIOD.END_DATE, event.endDate())
                .set(POOL_PERIOD.PLAN_CODES, String.join(",", new TreeSet<>(event.planCodes())))
                .onConflictDoNothing()
                .execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(POOL_PERIOD).execute();
        db.truncate(POOL_PLAN).execute();
        db.truncate(POOL).execute();
    }

    @QueryHandler
    public PoolCatalogue handle(PoolCatalogueQuery query) {
        var pool = db.selectFrom(POOL).where(POOL.POOL_ID.eq(query.poolId())).fetchOne();
        if (pool == null) {
            return null;
        }
        Map<String, Plan> plans = new LinkedHashMap<>();
        db.selectFrom(POOL_PLAN).where(POOL_PLAN.POOL_ID.eq(query.poolId())).orderBy(POOL_PLAN.PLAN_CODE).forEach(
                row -> plans.put(row.getPlanCode(), new Plan(row.getPlanCode(), row.getName(),
                        row.getContributionPerShareFen(), row.getSharesMin(), row.getSharesMax(),
                        row.getBenefitCapFen(), row.getFixedBenefitFen(), row.getWaitingPeriodDays(),
                        row.getFemaleOnly(), row.getDeductibleFen(), row.getReimbursementRateBasisPoints(),
                        row.getClaimCapFen())));
        Map<String, CoveragePeriod> periods = new LinkedHashMap<>();
        db.selectFrom(POOL_PERIOD).where(POOL_PERIOD.POOL_ID.eq(query.poolId())).orderBy(POOL_PERIOD.START_DATE)
                .forEach(row -> periods.put(row.getPeriodId(), new CoveragePeriod(row.getPeriodId(),
                        row.getStartDate(), row.getEndDate(),
                        Set.copyOf(Arrays.asList(row.getPlanCodes().split(","))))));
        return new PoolCatalogue(pool.getPoolId(), pool.getOrgId(), pool.getFundId(), Map.copyOf(plans),
                Map.copyOf(periods));
    }
}
