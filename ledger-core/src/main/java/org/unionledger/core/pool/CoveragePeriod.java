package org.unionledger.core.pool;

import java.time.LocalDate;
import java.util.Set;

/**
 * A coverage period of the pool (e.g. 2018-07-01..2019-06-30, both days included) and the plans
 * it offers.
 */
public record CoveragePeriod(String periodId, LocalDate startDate, LocalDate endDate, Set<String> planCodes) {

    public boolean overlaps(CoveragePeriod other) {
        return !startDate.isAfter(other.endDate) && !other.startDate.isAfter(endDate);
    }

    public boolean offers(String planCode) {
        return planCodes.contains(planCode);
    }

    public boolean hasEndedBefore(LocalDate day) {
        return endDate.isBefore(day);
    }
}
