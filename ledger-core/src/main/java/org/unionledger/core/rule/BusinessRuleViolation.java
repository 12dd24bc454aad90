package org.unionledger.core.rule;

import java.util.Objects;

/**
 * A command broke a business rule. The code names the rule (for example
 * {@code AMOUNT_MUST_BE_POSITIVE}); the API turns it into a 422 problem with that code.
 * A broken rule is not a fact, so nothing is recorded when this is thrown.
 */
public class BusinessRuleViolation extends RuntimeException {

    private final String code;

    public BusinessRuleViolation(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public String code() {
        return code;
    }

    /** Throws a violation of {@code code} unless {@code condition} holds. */
    public static void require(boolean condition, String code, String message) {
        if (!condition) {
            throw new BusinessRuleViolation(code, message);
        }
    }
}
