package org.unionledger.core.claim;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.unionledger.core.claim.BenefitCalculator.LimitedBy;

class BenefitCalculatorTest {

    private static final long UNCAPPED = BenefitCalculator.UNCAPPED;

    @ParameterizedTest(name = "inside scope {0}, basic paid {1}, deductible {2}, rate {3} bp, claim cap {4}, "
            + "remaining {5} -> {6} ({7})")
    @CsvSource({
            // inside, basicPaid, deductible, rateBp, claimCap, remaining, benefit, limitedBy
            "1000000, 600000,  50000, 5000,       0, " + Long.MAX_VALUE + ", 175000, NONE",
            "1000000, 600000,      0, 10000,      0, " + Long.MAX_VALUE + ", 400000, NONE",
            " 100000,  60000,  50000, 5000,       0, " + Long.MAX_VALUE + ",      0, NONE",
            " 100000, 100000,      0, 5000,       0, " + Long.MAX_VALUE + ",      0, NONE",
            // half up: 1 fen at 50% is 0.5 fen -> 1 fen; 1 fen at 49.99% -> 0
            "      1,      0,      0, 5000,       0, " + Long.MAX_VALUE + ",      1, NONE",
            "      1,      0,      0, 4999,       0, " + Long.MAX_VALUE + ",      0, NONE",
            "      3,      0,      0, 5000,       0, " + Long.MAX_VALUE + ",      2, NONE",
            "  33333,      0,      0, 3333,       0, " + Long.MAX_VALUE + ",  11110, NONE",
            "5000000,      0,      0, 8000, 2000000, " + Long.MAX_VALUE + ", 2000000, CLAIM_CAP",
            "5000000,      0,      0, 8000, 2000000,  150000, 150000, PERIOD_CAP",
            "5000000,      0,      0, 8000,       0,       0,      0, PERIOD_CAP",
    })
    void reimbursesTheUncoveredPartAboveTheDeductibleAtTheRateWithinTheCaps(long insideScopeFen,
            long basicPaidFen, long deductibleFen, int rateBasisPoints, long claimCapFen, long remainingFen,
            long expectedFen, LimitedBy expectedLimit) {
        BenefitRule rule = new BenefitRule(deductibleFen, rateBasisPoints, claimCapFen, 0);
        ClaimCosts costs = new ClaimCosts(insideScopeFen + 12_345, insideScopeFen, basicPaidFen).validated();

        BenefitCalculator.Benefit benefit = BenefitCalculator.calculate(rule, costs, remainingFen);

        assertThat(benefit.benefitFen(), is(expectedFen));
        assertThat(benefit.limitedBy(), is(expectedLimit));
    }

    @ParameterizedTest(name = "fixed {0}, remaining {1} -> {2}")
    @CsvSource({
            "60000, " + Long.MAX_VALUE + ", 60000, NONE",
            "60000, 100000, 60000, NONE",
            "60000, 20000, 20000, PERIOD_CAP",
    })
    void paysAFixedBenefitWhateverTheCostsWithinTheRemainingCap(long fixedFen, long remainingFen, long expectedFen,
                                                                 LimitedBy expectedLimit) {
        BenefitRule maternity = new BenefitRule(0, 0, 0, fixedFen);

        BenefitCalculator.Benefit benefit = BenefitCalculator.calculate(maternity, new ClaimCosts(0, 0, 0),
                remainingFen);

        assertThat(benefit.benefitFen(), is(expectedFen));
        assertThat(benefit.limitedBy(), is(expectedLimit));
    }

    @Test
    void roundsHalfUpWithIntegerArithmeticAtTheLargestAmount() {
        assertThat(BenefitCalculator.timesRateHalfUp(1_000_000_000_000L, 10_000), is(1_000_000_000_000L));
        assertThat(BenefitCalculator.timesRateHalfUp(15, 1_000), is(2L));
        assertThat(BenefitCalculator.timesRateHalfUp(14, 1_000), is(1L));
    }
}
