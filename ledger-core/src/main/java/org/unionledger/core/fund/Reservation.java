package org.unionledger.core.fund;

/** Held money of a fund and what became of it; kept by the fund to answer retried commands. */
record Reservation(String reservationId, long amountFen, ReservationPurpose purpose, String reference,
                   Status status) {

    /** SENT: an allocation that left for another fund (reserved became out). */
    enum Status { HELD, DISBURSED, RELEASED, RETURNED, SENT }

    Reservation withStatus(Status newStatus) {
        return new Reservation(reservationId, amountFen, purpose, reference, newStatus);
    }
}
