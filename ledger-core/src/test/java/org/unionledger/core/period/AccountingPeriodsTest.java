package org.unionledger.core.period;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.unionledger.core.rule.RuleMatchers.ruleViolation;

import java.time.LocalDate;
import java.time.YearMonth;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.FundCommands.DisburseReservation;
import org.unionledger.core.fund.FundCommands.RecordContribution;
import org.unionledger.core.fund.FundCommands.ReturnPayment;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.period.PeriodCommands.CloseAccountingPeriod;
import org.unionledger.core.period.PeriodEvents.AccountingPeriodClosed;
import org.unionledger.core.rule.BusinessRuleViolation;

class AccountingPeriodsTest {

    private static final String ORG = "city";
    private static final LocalDate TODAY = LocalDate.of(2026, 4, 10);
    private static final MetaData BY_FINANCE = MetaData.with("principal", "finance");

    private FixtureConfiguration<AccountingPeriods> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AccountingPeriods.class);
    }

    private static CloseAccountingPeriod close(String month) {
        return CloseAccountingPeriod.of(ORG, YearMonth.parse(month), TODAY, "month-end");
    }

    private static AccountingPeriodClosed closed(String month) {
        YearMonth m = YearMonth.parse(month);
        return new AccountingPeriodClosed(ORG, m, m.atEndOfMonth(), "month-end", "finance");
    }

    @Test
    void closesTheFirstPeriod() {
        fixture.givenNoPriorActivity()
                .when(close("2026-02"), BY_FINANCE)
                .expectEvents(closed("2026-02"))
                .expectResultMessagePayload(LocalDate.of(2026, 2, 28));
    }

    @Test
    void closesTheNextPeriodInOrder() {
        fixture.given(closed("2026-02"))
                .when(close("2026-03"), BY_FINANCE)
                .expectEvents(closed("2026-03"));
    }

    @Test
    void refusesAPeriodThatHasNotEnded() {
        fixture.givenNoPriorActivity()
                .when(close("2026-04"), BY_FINANCE)
                .expectException(ruleViolation("PERIOD_MUST_HAVE_ENDED"))
                .expectNoEvents();
    }

    @Test
    void refusesClosingAClosedPeriodAgain() {
        fixture.given(closed("2026-02"), closed("2026-03"))
                .when(close("2026-02"), BY_FINANCE)
                .expectException(ruleViolation("PERIOD_ALREADY_CLOSED"))
                .expectNoEvents();
    }

    @Test
    void refusesSkippingAPeriod() {
        fixture.given(closed("2026-01"))
                .when(close("2026-03"), BY_FINANCE)
                .expectException(ruleViolation("PERIODS_MUST_CLOSE_IN_ORDER"))
                .expectNoEvents();
    }

    @Test
    void refusesAnIdOfAnotherOrganisation() {
        fixture.givenNoPriorActivity()
                .when(new CloseAccountingPeriod(AccountingPeriods.idOf("district-1"), ORG, YearMonth.of(2026, 2),
                        TODAY, null), BY_FINANCE)
                .expectException(ruleViolation("ACCOUNTING_PERIODS_ID_MUST_MATCH_ORG"))
                .expectNoEvents();
    }

    @Test
    void moneyDatedInAClosedPeriodIsRefused() {
        LocalDate closedThrough = LocalDate.of(2026, 3, 31);
        var violation = assertThrows(BusinessRuleViolation.class,
                () -> PeriodRules.requireOpen(closedThrough, LocalDate.of(2026, 3, 31), ORG));
        assertThat(violation.code(), equalTo("PERIOD_MUST_BE_OPEN"));
        PeriodRules.requireOpen(closedThrough, LocalDate.of(2026, 4, 1), ORG);
        PeriodRules.requireOpen(null, LocalDate.of(2020, 1, 1), ORG);
    }

    @Test
    void knowsTheDateEachMoneyCommandBooksOn() {
        LocalDate day = LocalDate.of(2026, 3, 5);
        assertThat(PeriodRules.effectiveDateOf(new RecordContribution("f", "c", 1, PayerType.MEMBER, null, day,
                null)).orElseThrow(), equalTo(day));
        assertThat(PeriodRules.effectiveDateOf(new DisburseReservation("f", "r", "p", day)).orElseThrow(),
                equalTo(day));
        assertThat(PeriodRules.effectiveDateOf(new ReturnPayment("f", "r", "b", day)).orElseThrow(), equalTo(day));
        assertThat(PeriodRules.effectiveDateOf(new ReserveFunds("f", "r", 1, ReservationPurpose.OTHER, null))
                .isPresent(), equalTo(false));
    }
}
