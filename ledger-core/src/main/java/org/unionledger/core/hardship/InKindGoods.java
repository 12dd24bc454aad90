package org.unionledger.core.hardship;

import org.unionledger.core.money.Money;
import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * Goods given instead of cash (rice, oil, a winter coat), valued at quantity x unit value in fen.
 * The value is paid from the hardship fund like cash: the fund bought the goods (docs/hardship.md).
 */
public record InKindGoods(String description, long quantity, long unitValueFen) {

    /** Bounds a single delivery, so quantity x unit value cannot overflow or be absurd. */
    public static final long QUANTITY_MAX = 100_000;

    /** The value of the goods, after checking they are described and counted sensibly. */
    public Money value() {
        BusinessRuleViolation.require(description != null && !description.isBlank(), "GOODS_DESCRIPTION_REQUIRED",
                "in-kind goods need a description");
        BusinessRuleViolation.require(quantity > 0 && quantity <= QUANTITY_MAX, "GOODS_QUANTITY_MUST_BE_POSITIVE",
                "quantity must be 1 to " + QUANTITY_MAX + ", was " + quantity);
        return Money.positiveAmount(Money.positiveAmount(unitValueFen).times(quantity).fen());
    }
}
