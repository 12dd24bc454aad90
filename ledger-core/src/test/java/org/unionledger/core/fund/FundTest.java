package org.unionledger.core.fund;

import static org.unionledger.core.rule.RuleMatchers.ruleViolation;

import java.time.LocalDate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.FundCommands.OpenFund;
import org.unionledger.core.fund.FundCommands.RecordContribution;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.rule.BusinessRuleViolation;

class FundTest {

    private static final String FUND = "city-general";
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    private FixtureConfiguration<Fund> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Fund.class);
    }

    private static FundOpened anOpenFund() {
        return new FundOpened(FUND, "city", "City general fund", FundType.GENERAL);
    }

    private static RecordContribution aContributionOf(long amountFen) {
        return new RecordContribution(FUND, "c-1", amountFen, PayerType.MEMBER, "counter", TODAY, null);
    }

    @Test
    void opensAFund() {
        fixture.givenNoPriorActivity()
                .when(new OpenFund(FUND, "city", " City general fund ", FundType.GENERAL))
                .expectSuccessfulHandlerExecution()
                .expectEvents(anOpenFund());
    }

    @Test
    void refusesAFundWithoutAName() {
        fixture.givenNoPriorActivity()
                .when(new OpenFund(FUND, "city", " ", FundType.GENERAL))
                .expectException(BusinessRuleViolation.class)
                .expectExceptionMessage("a fund needs a name")
                .expectNoEvents();
    }

    @Test
    void refusesAMalformedFundId() {
        fixture.givenNoPriorActivity()
                .when(new OpenFund("city fund/1", "city", "x", FundType.GENERAL))
                .expectException(BusinessRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void recordsAContribution() {
        fixture.given(anOpenFund())
                .when(aContributionOf(12_345))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload("c-1")
                .expectEvents(new ContributionRecorded(FUND, "city", "c-1", 12_345, PayerType.MEMBER, "counter", TODAY,
                        null));
    }

    @Test
    void refusesAZeroContribution() {
        fixture.given(anOpenFund())
                .when(aContributionOf(0))
                .expectException(ruleViolation("AMOUNT_MUST_BE_POSITIVE"))
                .expectNoEvents();
    }

    @Test
    void refusesANegativeContribution() {
        fixture.given(anOpenFund())
                .when(aContributionOf(-100))
                .expectException(ruleViolation("AMOUNT_MUST_BE_POSITIVE"))
                .expectNoEvents();
    }

    @Test
    void refusesAContributionAboveTheSingleAmountLimit() {
        fixture.given(anOpenFund())
                .when(aContributionOf(Long.MAX_VALUE))
                .expectException(ruleViolation("AMOUNT_MUST_NOT_EXCEED_LIMIT"))
                .expectNoEvents();
    }

    @Test
    void refusesAContributionThatWouldOverflowTheBalance() {
        var nearlyFull = new ContributionRecorded(FUND, "city", "c-0", Long.MAX_VALUE - 10, PayerType.UNION, "x", TODAY,
                null);
        fixture.given(anOpenFund(), nearlyFull)
                .when(aContributionOf(100))
                .expectException(ruleViolation("BALANCE_MUST_NOT_OVERFLOW"))
                .expectNoEvents();
    }

    @Test
    void refusesAContributionWithoutPayerType() {
        fixture.given(anOpenFund())
                .when(new RecordContribution(FUND, "c-1", 100, null, "counter", TODAY, null))
                .expectException(ruleViolation("PAYER_TYPE_REQUIRED"))
                .expectNoEvents();
    }

}
