package org.unionledger.core.pool;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.unionledger.core.pool.PoolCommands.AddPlan;
import org.unionledger.core.pool.PoolCommands.CreatePool;
import org.unionledger.core.pool.PoolCommands.OpenCoveragePeriod;
import org.unionledger.core.pool.PoolEvents.CoveragePeriodOpened;
import org.unionledger.core.pool.PoolEvents.PlanAdded;
import org.unionledger.core.pool.PoolEvents.PoolCreated;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.core.rule.Ids;

/**
 * A staff medical mutual-aid pool: its plans and coverage periods. It keeps no per-member state
 * (550,000 members a year): enrolments are {@link Coverage} aggregates with deterministic ids, and
 * the money is in the pool's fund.
 */
public class MutualAidPool {

    /** A pool id leaves room for the derived fund and coverage ids inside the 100-character id limit. */
    public static final int POOL_ID_LENGTH_MAX = 40;
    /** Periods per pool: one or two a year; the limit keeps the overlap check small. */
    public static final int PERIODS_MAX = 200;

    @AggregateIdentifier
    private String poolId;
    private final Map<String, Plan> plans = new LinkedHashMap<>();
    private final Map<String, CoveragePeriod> periods = new LinkedHashMap<>();

    protected MutualAidPool() {
    }

    @CommandHandler
    public MutualAidPool(CreatePool command) {
        Ids.requireValid("poolId", command.poolId());
        BusinessRuleViolation.require(command.poolId().length() <= POOL_ID_LENGTH_MAX, "POOL_ID_MUST_BE_SHORT",
                "a pool id has at most " + POOL_ID_LENGTH_MAX + " characters");
        Ids.requireValid("orgId", command.orgId());
        Ids.requireValid("fundId", command.fundId());
        BusinessRuleViolation.require(command.name() != null && !command.name().isBlank(), "POOL_NAME_REQUIRED",
                "a pool needs a name");
        apply(new PoolCreated(command.poolId(), command.orgId(), command.name().strip(), command.fundId()));
        for (Plan plan : SeedPlans.all()) {
            apply(new PlanAdded(command.poolId(), plan));
        }
    }

    @CommandHandler
    public void handle(AddPlan command) {
        BusinessRuleViolation.require(command.plan() != null, "PLAN_REQUIRED", "a plan is required");
        Plan plan = command.plan().validated();
        BusinessRuleViolation.require(!plans.containsKey(plan.code()), "PLAN_CODE_MUST_BE_UNIQUE",
                "pool " + poolId + " already has plan " + plan.code());
        apply(new PlanAdded(poolId, plan));
    }

    @CommandHandler
    public void handle(OpenCoveragePeriod command) {
        Ids.requireValid("periodId", command.periodId());
        BusinessRuleViolation.require(command.startDate() != null && command.endDate() != null
                && command.endDate().isAfter(command.startDate()), "PERIOD_MUST_END_AFTER_START",
                "a coverage period needs a start date before its end date");
        BusinessRuleViolation.require(!periods.containsKey(command.periodId()), "PERIOD_ID_MUST_BE_UNIQUE",
                "pool " + poolId + " already has period " + command.periodId());
        BusinessRuleViolation.require(periods.size() < PERIODS_MAX, "PERIODS_MUST_NOT_EXCEED_LIMIT",
                "a pool has at most " + PERIODS_MAX + " periods");
        Set<String> planCodes = command.planCodes() == null || command.planCodes().isEmpty()
                ? new TreeSet<>(plans.keySet()) : new TreeSet<>(command.planCodes());
        for (String code : planCodes) {
            BusinessRuleViolation.require(plans.containsKey(code), "PLAN_MUST_EXIST_IN_POOL",
                    "pool " + poolId + " has no plan " + code);
        }
        CoveragePeriod candidate = new CoveragePeriod(command.periodId(), command.startDate(), command.endDate(),
                planCodes);
        for (CoveragePeriod existing : periods.values()) {
            for (String code : planCodes) {
                BusinessRuleViolation.require(!(existing.offers(code) && existing.overlaps(candidate)),
                        "PERIODS_MUST_NOT_OVERLAP_FOR_A_PLAN", "plan " + code + " is already covered by period "
                                + existing.periodId() + " (" + existing.startDate() + ".." + existing.endDate() + ")");
            }
        }
        apply(new CoveragePeriodOpened(poolId, command.periodId(), command.startDate(), command.endDate(),
                Set.copyOf(planCodes)));
    }

    @EventSourcingHandler
    void on(PoolCreated event) {
        poolId = event.poolId();
    }

    @EventSourcingHandler
    void on(PlanAdded event) {
        plans.put(event.plan().code(), event.plan());
    }

    @EventSourcingHandler
    void on(CoveragePeriodOpened event) {
        periods.put(event.periodId(), new CoveragePeriod(event.periodId(), event.startDate(), event.endDate(),
                event.planCodes()));
    }
}
