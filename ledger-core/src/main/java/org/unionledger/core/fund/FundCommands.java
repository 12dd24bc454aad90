package org.unionledger.core.fund;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands on a union fund. Ids are chosen by the client or derived deterministically by a
 * process, so a retried command can be recognised. Money leaves a fund in two phases:
 * {@link ReserveFunds}, then {@link DisburseReservation} or {@link ReleaseReservation}.
 */
public final class FundCommands {

    private FundCommands() {
    }

    /** Open a fund owned by an organisation. */
    public record OpenFund(@TargetAggregateIdentifier String fundId, String orgId, String name, FundType fundType) {
    }

    /**
     * Record money received into a fund from outside the ledger.
     *
     * @param reference what the money is for, e.g. the coverage it pays for (optional)
     */
    public record RecordContribution(@TargetAggregateIdentifier String fundId, String contributionId, long amountFen,
                                     PayerType payerType, String channel, LocalDate effectiveDate, String memo,
                                     String reference) {

        public RecordContribution(String fundId, String contributionId, long amountFen, PayerType payerType,
                                  String channel, LocalDate effectiveDate, String memo) {
            this(fundId, contributionId, amountFen, payerType, channel, effectiveDate, memo, null);
        }
    }

    /**
     * Hold money for a payout: it can no longer be spent. Idempotent on reservationId.
     *
     * @param reference the claim, grant or allocation the money is held for
     */
    public record ReserveFunds(@TargetAggregateIdentifier String fundId, String reservationId, long amountFen,
                               ReservationPurpose purpose, String reference) {
    }

    /** Pay out held money, with the bank's payment reference. Idempotent. */
    public record DisburseReservation(@TargetAggregateIdentifier String fundId, String reservationId,
                                      String paymentReference, LocalDate paidOn) {
    }

    /** Give held money back to the available balance (claim cancelled, grant withdrawn). Idempotent. */
    public record ReleaseReservation(@TargetAggregateIdentifier String fundId, String reservationId, String reason) {
    }

    /** The bank returned a paid amount: the money is back in the fund. Idempotent. */
    public record ReturnPayment(@TargetAggregateIdentifier String fundId, String reservationId, String bankReference,
                                LocalDate returnedOn) {
    }

    /**
     * Target side of an allocation (step 2): take note of money a source fund holds for this fund.
     * The money stays counted in the source (as reserved) and shows here as pending incoming only.
     * Idempotent on allocationId.
     */
    public record AcceptAllocation(@TargetAggregateIdentifier String fundId, String allocationId, String sourceFundId,
                                   String sourceOrgId, long amountFen) {
    }

    /** Source side of an allocation (step 3): the held money leaves the source fund. Idempotent. */
    public record ConfirmAllocationSent(@TargetAggregateIdentifier String fundId, String allocationId,
                                        String targetFundId, String targetOrgId) {
    }

    /** Target side of an allocation (step 4): pending incoming money becomes available. Idempotent. */
    public record SettleAllocation(@TargetAggregateIdentifier String fundId, String allocationId) {
    }

    /**
     * Start giving back the unused part of an allocation this fund received (period end): the
     * amount is reserved here and travels back to the source with the allocation machinery, under
     * the id clawbackId. One clawback per allocation; idempotent on clawbackId.
     *
     * @param amountFen how much to give back, or 0 for the whole unused part
     */
    public record ClawBackAllocation(@TargetAggregateIdentifier String fundId, String allocationId, String clawbackId,
                                     long amountFen, String reason) {
    }
}
