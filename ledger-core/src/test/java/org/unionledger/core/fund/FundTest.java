package org.unionledger.core.fund;

import static org.unionledger.core.rule.RuleMatchers.ruleViolation;

import java.time.LocalDate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.FundCommands.DisburseReservation;
import org.unionledger.core.fund.FundCommands.OpenFund;
import org.unionledger.core.fund.FundCommands.RecordContribution;
import org.unionledger.core.fund.FundCommands.ReleaseReservation;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.FundCommands.ReturnPayment;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundEvents.ReservationReleased;
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
                        null, null));
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
                null, null);
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


    private static ContributionRecorded funded(long amountFen) {
        return new ContributionRecorded(FUND, "city", "c-0", amountFen, PayerType.UNION, "bank", TODAY, null, null);
    }

    private static FundsReserved held(String id, long amountFen) {
        return new FundsReserved(FUND, "city", id, amountFen, ReservationPurpose.CLAIM_PAYOUT, "claim-1");
    }

    @Test
    void reservesAvailableMoney() {
        fixture.given(anOpenFund(), funded(1_000))
                .when(new ReserveFunds(FUND, "r-1", 600, ReservationPurpose.CLAIM_PAYOUT, "claim-1"))
                .expectEvents(held("r-1", 600));
    }

    @Test
    void refusesAReservationBeyondTheAvailableBalance() {
        fixture.given(anOpenFund(), funded(1_000), held("r-1", 600))
                .when(new ReserveFunds(FUND, "r-2", 401, ReservationPurpose.CLAIM_PAYOUT, "claim-2"))
                .expectException(ruleViolation("BALANCE_MUST_COVER_RESERVATION"))
                .expectNoEvents();
    }

    @Test
    void aRetriedReservationChangesNothing() {
        fixture.given(anOpenFund(), funded(1_000), held("r-1", 600))
                .when(new ReserveFunds(FUND, "r-1", 600, ReservationPurpose.CLAIM_PAYOUT, "claim-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesAReservationIdReusedForAnotherAmount() {
        fixture.given(anOpenFund(), funded(1_000), held("r-1", 600))
                .when(new ReserveFunds(FUND, "r-1", 700, ReservationPurpose.CLAIM_PAYOUT, "claim-1"))
                .expectException(ruleViolation("RESERVATION_ID_REUSED"))
                .expectNoEvents();
    }

    @Test
    void disbursesHeldMoneyOnce() {
        fixture.given(anOpenFund(), funded(1_000), held("r-1", 600))
                .when(new DisburseReservation(FUND, "r-1", "BANK-1", TODAY))
                .expectEvents(new ReservationDisbursed(FUND, "city", "r-1", 600, ReservationPurpose.CLAIM_PAYOUT,
                        "claim-1", "BANK-1", TODAY));
        fixture.given(anOpenFund(), funded(1_000), held("r-1", 600), new ReservationDisbursed(FUND, "city", "r-1",
                        600, ReservationPurpose.CLAIM_PAYOUT, "claim-1", "BANK-1", TODAY))
                .when(new DisburseReservation(FUND, "r-1", "BANK-1", TODAY))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesToDisburseAnUnknownOrReleasedReservation() {
        fixture.given(anOpenFund(), funded(1_000))
                .when(new DisburseReservation(FUND, "r-9", "BANK-1", TODAY))
                .expectException(ruleViolation("RESERVATION_MUST_EXIST"));
        fixture.given(anOpenFund(), funded(1_000), held("r-1", 600),
                        new ReservationReleased(FUND, "city", "r-1", 600, ReservationPurpose.CLAIM_PAYOUT, "claim-1",
                                "cancelled"))
                .when(new DisburseReservation(FUND, "r-1", "BANK-1", TODAY))
                .expectException(ruleViolation("RESERVATION_MUST_BE_HELD"))
                .expectNoEvents();
    }

    @Test
    void refusesADisbursementWithoutPaymentReference() {
        fixture.given(anOpenFund(), funded(1_000), held("r-1", 600))
                .when(new DisburseReservation(FUND, "r-1", " ", TODAY))
                .expectException(ruleViolation("PAYMENT_REFERENCE_REQUIRED"))
                .expectNoEvents();
    }

    @Test
    void releasesHeldMoney() {
        fixture.given(anOpenFund(), funded(1_000), held("r-1", 600))
                .when(new ReleaseReservation(FUND, "r-1", "claim cancelled"))
                .expectEvents(new ReservationReleased(FUND, "city", "r-1", 600, ReservationPurpose.CLAIM_PAYOUT,
                        "claim-1", "claim cancelled"));
    }

    @Test
    void aReturnedPaymentRestoresTheMoney() {
        fixture.given(anOpenFund(), funded(1_000), held("r-1", 600), new ReservationDisbursed(FUND, "city", "r-1",
                        600, ReservationPurpose.CLAIM_PAYOUT, "claim-1", "BANK-1", TODAY))
                .when(new ReturnPayment(FUND, "r-1", "RET-1", TODAY))
                .expectEvents(new PaymentReturned(FUND, "city", "r-1", 600, ReservationPurpose.CLAIM_PAYOUT,
                        "claim-1", "RET-1", TODAY));
    }

    @Test
    void refusesToReturnAPaymentNotYetDisbursed() {
        fixture.given(anOpenFund(), funded(1_000), held("r-1", 600))
                .when(new ReturnPayment(FUND, "r-1", "RET-1", TODAY))
                .expectException(ruleViolation("PAYMENT_MUST_BE_DISBURSED"))
                .expectNoEvents();
    }
}
