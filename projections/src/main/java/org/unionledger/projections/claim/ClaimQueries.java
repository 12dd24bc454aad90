package org.unionledger.projections.claim;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Queries on the claim read models and their answers. */
public final class ClaimQueries {

    private ClaimQueries() {
    }

    public record ClaimQuery(String claimId) {
    }

    public record ClaimView(String claimId, String poolId, String memberId, String orgId, String planCode,
                            String periodId, String status, String invoiceNumber, LocalDate eventDate,
                            long totalCostFen, long calculatedBenefitFen, Long approvedFen, Long paidFen,
                            String submittedBy, Instant submittedAt, Instant statusChangedAt, Instant paidAt,
                            String paymentReference, String lastReason, int documents) {
    }

    public record MemberClaimsQuery(String memberId) {
    }

    public record MemberClaimsView(String memberId, List<ClaimView> claims) {
    }

    /**
     * Claims waiting for a reviewer (submitted, second approval) or for the member (returned), oldest first;
     * of an organisation and every organisation below it, or all claims when orgId is null.
     */
    public record ReviewQueueQuery(String orgId, int limit) {
    }

    public record ReviewQueueItem(String claimId, String poolId, String memberId, String planCode, String status,
                                  long calculatedBenefitFen, Instant submittedAt, Instant statusChangedAt,
                                  long ageHours, long ageDays) {
    }

    public record ReviewQueueView(List<ReviewQueueItem> claims) {
    }

    /** Over the claims and coverage of an organisation and every organisation below it; all when orgId is null. */
    public record ClaimStatisticsQuery(String poolId, String periodId, String orgId) {
    }

    /** Paid claims by plan, org and month of payment. p50/p90 are amounts of actual claims (discrete). */
    public record PayoutGroup(String planCode, String orgId, String month, long payouts, long sumFen, long p50Fen,
                              long p90Fen) {
    }

    /**
     * @param lossRatioBasisPoints paid / contributions in basis points (10,000 = 100%); null without contributions
     */
    public record ClaimStatisticsView(String poolId, String periodId, List<PayoutGroup> payouts, long paidCount,
                                      long paidFen, long contributionsFen, Long lossRatioBasisPoints,
                                      Long submitToPayMedianSeconds, Long submitToPayP90Seconds) {
    }

    public record UnsentNotice(String id, String memberId, String claimId, String status, String message,
                               Instant createdAt) {
    }
}
