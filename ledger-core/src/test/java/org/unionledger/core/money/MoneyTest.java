package org.unionledger.core.money;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.unionledger.core.rule.BusinessRuleViolation;

class MoneyTest {

    @Test
    void addsAndSubtractsExactly() {
        assertThat(Money.ofFen(10).plus(Money.ofFen(5)).minus(Money.ofFen(3)), equalTo(Money.ofFen(12)));
        assertThat(Money.ofYuan(2_500), equalTo(Money.ofFen(250_000)));
    }

    @Test
    void overflowThrowsInsteadOfWrapping() {
        var violation = assertThrows(BusinessRuleViolation.class,
                () -> Money.ofFen(Long.MAX_VALUE).plus(Money.ofFen(1)));
        assertThat(violation.code(), equalTo("BALANCE_MUST_NOT_OVERFLOW"));
        assertThrows(BusinessRuleViolation.class, () -> Money.ofFen(Long.MIN_VALUE).minus(Money.ofFen(1)));
        assertThrows(BusinessRuleViolation.class, () -> Money.ofFen(Long.MAX_VALUE / 2 + 1).times(2));
    }

    @Test
    void printsYuanWithTwoDecimals() {
        assertThat(Money.ofFen(123_456).toString(), equalTo("1234.56 CNY"));
        assertThat(Money.ofFen(-5).toString(), equalTo("-0.05 CNY"));
    }

    @Test
    void fundAccountReservesThenDisbursesOrReleases() {
        var account = new FundAccount();
        account.receive(Money.ofFen(1_000));
        account.checkCanReserve(Money.ofFen(600));
        account.reserve("r-1", Money.ofFen(600));
        assertThat(account.available(), equalTo(Money.ofFen(400)));
        assertThat(account.reserved(), equalTo(Money.ofFen(600)));
        var violation = assertThrows(BusinessRuleViolation.class, () -> account.checkCanReserve(Money.ofFen(401)));
        assertThat(violation.code(), equalTo("BALANCE_MUST_COVER_RESERVATION"));
        account.disburse("r-1");
        assertThat(account.totalOut(), equalTo(Money.ofFen(600)));
        assertThat(account.reserved(), equalTo(Money.ZERO));
        account.reserve("r-2", Money.ofFen(400));
        account.release("r-2");
        assertThat(account.available(), equalTo(Money.ofFen(400)));
    }
}
