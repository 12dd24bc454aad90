package org.unionledger.core.pool;

import java.time.LocalDate;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a mutual-aid pool's configuration. */
public final class PoolCommands {

    private PoolCommands() {
    }

    /** Create a pool owned by an organisation, with the seed plans; its money lives in fund {@code fundId}. */
    public record CreatePool(@TargetAggregateIdentifier String poolId, String orgId, String name, String fundId) {
    }

    /** Add a plan to the pool. */
    public record AddPlan(@TargetAggregateIdentifier String poolId, Plan plan) {
    }

    /** Open a coverage period offering some plans (empty: every plan of the pool). */
    public record OpenCoveragePeriod(@TargetAggregateIdentifier String poolId, String periodId, LocalDate startDate,
                                     LocalDate endDate, Set<String> planCodes) {
    }
}
