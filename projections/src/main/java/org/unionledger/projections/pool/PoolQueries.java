package org.unionledger.projections.pool;

import java.time.LocalDate;
import java.util.List;

/** Queries on the pool read models and their answers. */
public final class PoolQueries {

    private PoolQueries() {
    }

    /** The pool's plans and periods ({@link org.unionledger.core.pool.PoolCatalogue}), or null if unknown. */
    public record PoolCatalogueQuery(String poolId) {
    }

    /** Coverage counts grouped by period x plan x org x payer type; null filters match everything. */
    public record CoverageSummaryQuery(String poolId, String periodId, String planCode, String orgId) {
    }

    public record CoverageSummaryView(String poolId, List<CoverageSummaryRow> rows, long membersEnrolled,
                                      long giftedCount, long contributionsFen) {
    }

    public record CoverageSummaryRow(String periodId, String planCode, String orgId, String payerType,
                                     long membersEnrolled, long giftedCount, long contributionsFen) {
    }

    /** Every coverage of one member, newest period first. */
    public record MemberCoverageQuery(String memberId) {
    }

    public record MemberCoverageView(String memberId, List<MemberCoverageRow> coverages) {
    }

    public record MemberCoverageRow(String coverageId, String poolId, String planCode, String periodId, int shares,
                                    long amountFen, String payerType, LocalDate enrolledOn, LocalDate benefitsFrom,
                                    LocalDate periodEnd) {
    }
}
