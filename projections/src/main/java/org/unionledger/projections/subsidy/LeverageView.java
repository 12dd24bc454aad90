package org.unionledger.projections.subsidy;

import java.math.BigDecimal;
import java.util.Map;

/** Matching money over union money; ratio is null when there is no union money. */
public record LeverageView(String orgId, int programs, long unionFen, long matchingFen,
                           Map<String, Long> bySourceFen, BigDecimal ratio) {
}
