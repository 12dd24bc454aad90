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
}
