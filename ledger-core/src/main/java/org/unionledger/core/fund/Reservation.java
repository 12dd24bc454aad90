package org.unionledger.core.fund;

/** Held money of a fund and what became of it; kept by the fund to answer retried commands. */
record Reservation(String reservationId, long amountFen, ReservationPurpose purpose, String reference,
                   Status status) {

    enum Status { HELD, DISBURSED, RELEASED, RETURNED }

    Reservation withStatus(Status newStatus) {
        return new Reservation(reservationId, amountFen, purpose, reference, newStatus);
    }
}
