package org.unionledger.core.money;

import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * An amount of CNY in fen (minor units). Never a double: every sum is exact and overflow throws
 * instead of wrapping around.
 */
public record Money(long fen) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    /** The largest single amount the ledger accepts: 10 billion yuan. */
    public static final long AMOUNT_FEN_MAX = 1_000_000_000_000L;

    public static Money ofFen(long fen) {
        return new Money(fen);
    }

    public static Money ofYuan(long yuan) {
        return new Money(Math.multiplyExact(yuan, 100L));
    }

    /**
     * Validates an amount a client asked to move: strictly positive and not above
     * {@link #AMOUNT_FEN_MAX}.
     */
    public static Money positiveAmount(long fen) {
        BusinessRuleViolation.require(fen > 0, "AMOUNT_MUST_BE_POSITIVE",
                "amountFen must be greater than zero, was " + fen);
        BusinessRuleViolation.require(fen <= AMOUNT_FEN_MAX, "AMOUNT_MUST_NOT_EXCEED_LIMIT",
                "amountFen must not exceed " + AMOUNT_FEN_MAX + ", was " + fen);
        return new Money(fen);
    }

    public Money plus(Money other) {
        try {
            return new Money(Math.addExact(fen, other.fen));
        } catch (ArithmeticException overflow) {
            throw new BusinessRuleViolation("BALANCE_MUST_NOT_OVERFLOW", "sum overflows: " + fen + " + " + other.fen);
        }
    }

    public Money minus(Money other) {
        try {
            return new Money(Math.subtractExact(fen, other.fen));
        } catch (ArithmeticException overflow) {
            throw new BusinessRuleViolation("BALANCE_MUST_NOT_OVERFLOW", "difference overflows: " + fen + " - " + other.fen);
        }
    }

    public Money times(long factor) {
        try {
            return new Money(Math.multiplyExact(fen, factor));
        } catch (ArithmeticException overflow) {
            throw new BusinessRuleViolation("BALANCE_MUST_NOT_OVERFLOW", "product overflows: " + fen + " x " + factor);
        }
    }

    public boolean isNegative() {
        return fen < 0;
    }

    public boolean isPositive() {
        return fen > 0;
    }

    public boolean isAtLeast(Money other) {
        return fen >= other.fen;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(fen, other.fen);
    }

    @Override
    public String toString() {
        long abs = Math.abs(fen);
        return (fen < 0 ? "-" : "") + (abs / 100) + "." + String.format("%02d", abs % 100) + " CNY";
    }
}
