package org.unionledger.core.money;

import java.util.HashMap;
import java.util.Map;

import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * The money a fund holds, as every fund aggregate keeps it: money in and out, and money reserved
 * for approved payouts. Money leaves in two phases: {@link #reserve} holds an amount so it can no
 * longer be spent, then {@link #disburse} pays it or {@link #release} gives it back.
 * Invariant: available = in - out - reserved, and available is never negative.
 *
 * <p>Only event-sourcing handlers call the mutating methods; command handlers ask the
 * {@code check*} methods first, so a broken rule is refused before any event exists.
 */
public final class FundAccount {

    private long inFen;
    private long outFen;
    private long reservedFen;
    private final Map<String, Long> reservationsFen = new HashMap<>();

    public Money available() {
        return Money.ofFen(inFen).minus(Money.ofFen(outFen)).minus(Money.ofFen(reservedFen));
    }

    public Money reserved() {
        return Money.ofFen(reservedFen);
    }

    public Money totalIn() {
        return Money.ofFen(inFen);
    }

    public Money totalOut() {
        return Money.ofFen(outFen);
    }

    public boolean hasReservation(String reservationId) {
        return reservationsFen.containsKey(reservationId);
    }

    public Money reservation(String reservationId) {
        Long fen = reservationsFen.get(reservationId);
        BusinessRuleViolation.require(fen != null, "RESERVATION_MUST_EXIST", "no open reservation " + reservationId);
        return Money.ofFen(fen);
    }

    public void checkCanReceive(Money amount) {
        Money.ofFen(inFen).plus(amount);
    }

    public void checkCanReserve(Money amount) {
        BusinessRuleViolation.require(available().isAtLeast(amount), "BALANCE_MUST_COVER_RESERVATION",
                "available " + available() + " does not cover " + amount);
    }

    public void checkCanPayDirectly(Money amount) {
        BusinessRuleViolation.require(available().isAtLeast(amount), "BALANCE_MUST_COVER_PAYOUT",
                "available " + available() + " does not cover " + amount);
    }

    public void receive(Money amount) {
        inFen = Money.ofFen(inFen).plus(amount).fen();
    }

    /** A correction of money in (a refund or reversal of a contribution). */
    public void returnReceived(Money amount) {
        inFen = Money.ofFen(inFen).minus(amount).fen();
        assertInvariant();
    }

    public void payDirectly(Money amount) {
        outFen = Money.ofFen(outFen).plus(amount).fen();
        assertInvariant();
    }

    public void reserve(String reservationId, Money amount) {
        if (reservationsFen.putIfAbsent(reservationId, amount.fen()) != null) {
            throw new IllegalStateException("reservation " + reservationId + " already held");
        }
        reservedFen = Money.ofFen(reservedFen).plus(amount).fen();
        assertInvariant();
    }

    public void disburse(String reservationId) {
        long fen = take(reservationId);
        outFen = Money.ofFen(outFen).plus(Money.ofFen(fen)).fen();
        assertInvariant();
    }

    public void release(String reservationId) {
        take(reservationId);
        assertInvariant();
    }

    /** Money paid out came back (a payment returned by the bank). */
    public void restore(Money amount) {
        outFen = Money.ofFen(outFen).minus(amount).fen();
        assertInvariant();
    }

    private long take(String reservationId) {
        Long fen = reservationsFen.remove(reservationId);
        if (fen == null) {
            throw new IllegalStateException("no reservation " + reservationId);
        }
        reservedFen -= fen;
        return fen;
    }

    private void assertInvariant() {
        if (available().isNegative() || reservedFen < 0 || outFen < 0) {
            throw new IllegalStateException("fund account invariant broken: in=" + inFen + " out=" + outFen
                    + " reserved=" + reservedFen);
        }
    }
}
