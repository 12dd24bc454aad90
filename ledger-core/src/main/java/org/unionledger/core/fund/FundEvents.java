package org.unionledger.core.fund;

import java.time.LocalDate;

import org.axonframework.serialization.Revision;

/** Facts about a union fund's money. Events are forever: change them only through upcasters. */
public final class FundEvents {

    private FundEvents() {
    }

    @Revision("1")
    public record FundOpened(String fundId, String orgId, String name, FundType fundType) {
    }

    @Revision("1")
    public record ContributionRecorded(String fundId, String orgId, String contributionId, long amountFen,
                                       PayerType payerType, String channel, LocalDate effectiveDate, String memo,
                                       String reference) {
    }

    @Revision("1")
    public record FundsReserved(String fundId, String orgId, String reservationId, long amountFen,
                                ReservationPurpose purpose, String reference) {
    }

    @Revision("1")
    public record ReservationDisbursed(String fundId, String orgId, String reservationId, long amountFen,
                                       ReservationPurpose purpose, String reference, String paymentReference,
                                       LocalDate paidOn) {
    }

    @Revision("1")
    public record ReservationReleased(String fundId, String orgId, String reservationId, long amountFen,
                                      ReservationPurpose purpose, String reference, String reason) {
    }

    @Revision("1")
    public record PaymentReturned(String fundId, String orgId, String reservationId, long amountFen,
                                  ReservationPurpose purpose, String reference, String bankReference,
                                  LocalDate returnedOn) {
    }

    /**
     * The target fund knows of money on its way (allocation step 2): pending incoming, not yet in
     * the target's available balance or money in. The source still holds it as reserved.
     */
    @Revision("1")
    public record AllocationAccepted(String fundId, String orgId, String allocationId, String sourceFundId,
                                     String sourceOrgId, long amountFen) {
    }

    /** Held allocation money left the source fund (step 3): reserved becomes out. */
    @Revision("1")
    public record AllocationSent(String fundId, String orgId, String allocationId, long amountFen, String targetFundId,
                                 String targetOrgId) {
    }

    /** Pending incoming allocation money became the target's own (step 4): available and in. */
    @Revision("1")
    public record AllocationReceived(String fundId, String orgId, String allocationId, String sourceFundId,
                                     String sourceOrgId, long amountFen) {
    }

    /**
     * The unused part of a received allocation is being given back: followed by a
     * {@link FundsReserved} of purpose ALLOCATION with reservationId = clawbackId and reference =
     * the original source fund, which the allocation policy carries back like any allocation.
     */
    @Revision("1")
    public record AllocationClawbackStarted(String fundId, String orgId, String allocationId, String clawbackId,
                                            long amountFen, String sourceFundId, String sourceOrgId, String reason) {
    }
}
