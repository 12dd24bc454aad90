package org.unionledger.projections.support;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Statistics as exact decimals (read side only; money itself stays long fen). */
public final class Ratios {

    private Ratios() {
    }

    /** numerator / denominator to 4 decimal places, or null when the denominator is 0. */
    public static BigDecimal ratio(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_EVEN);
    }

    /** numerator / denominator in percent to 2 decimal places, or null when the denominator is 0. */
    public static BigDecimal percent(long numerator, long denominator) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(denominator), 2, RoundingMode.HALF_EVEN);
    }
}
