package org.unionledger.core.rule;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Hamcrest matchers for refusals: {@code expectException(ruleViolation("AMOUNT_MUST_BE_POSITIVE"))}. */
public final class RuleMatchers {

    private RuleMatchers() {
    }

    public static Matcher<BusinessRuleViolation> ruleViolation(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(BusinessRuleViolation violation) {
                return violation.code().equals(code);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a business rule violation with code " + code);
            }

            @Override
            protected void describeMismatchSafely(BusinessRuleViolation violation, Description description) {
                description.appendText("had code " + violation.code() + ": " + violation.getMessage());
            }
        };
    }
}
