package org.unionledger.projections.subsidy;

import java.math.BigDecimal;

/**
 * Money spent or allocated by organisations above the grassroots (totalFen) and the part of it
 * that reached grassroots unions and enterprises; sharePercent is null when nothing was spent.
 */
public record GrassrootsShareView(String orgId, long totalFen, long grassrootsFen, BigDecimal sharePercent) {
}
