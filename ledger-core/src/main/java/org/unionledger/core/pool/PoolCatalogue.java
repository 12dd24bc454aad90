package org.unionledger.core.pool;

import java.util.Map;

import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * What a pool offers, as a read model holds it: its fund, plans and periods. The enrolment flow
 * looks terms up here before it sends {@link CoverageCommands.EnrolCoverage}.
 */
public record PoolCatalogue(String poolId, String orgId, String fundId, Map<String, Plan> plans,
                            Map<String, CoveragePeriod> periods) {

    public Plan plan(String planCode) {
        Plan plan = planCode == null ? null : plans.get(planCode);
        BusinessRuleViolation.require(plan != null, "PLAN_MUST_EXIST_IN_POOL",
                "pool " + poolId + " has no plan " + planCode);
        return plan;
    }

    public CoveragePeriod period(String periodId) {
        CoveragePeriod period = periodId == null ? null : periods.get(periodId);
        BusinessRuleViolation.require(period != null, "PERIOD_MUST_EXIST_IN_POOL",
                "pool " + poolId + " has no coverage period " + periodId);
        return period;
    }
}
