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
}
