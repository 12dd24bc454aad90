package org.unionledger.core.pool;

import java.time.LocalDate;
import java.util.Set;

import org.axonframework.serialization.Revision;

/** Facts about a mutual-aid pool's configuration. */
public final class PoolEvents {

    private PoolEvents() {
    }

    @Revision("1")
    public record PoolCreated(String poolId, String orgId, String name, String fundId) {
    }

    @Revision("1")
    public record PlanAdded(String poolId, Plan plan) {
    }

    @Revision("1")
    public record CoveragePeriodOpened(String poolId, String periodId, LocalDate startDate, LocalDate endDate,
                                       Set<String> planCodes) {
    }
}
