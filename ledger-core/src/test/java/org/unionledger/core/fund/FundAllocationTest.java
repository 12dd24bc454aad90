package org.unionledger.core.fund;

import static org.unionledger.core.rule.RuleMatchers.ruleViolation;

import java.time.LocalDate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.FundCommands.AcceptAllocation;
import org.unionledger.core.fund.FundCommands.ClawBackAllocation;
import org.unionledger.core.fund.FundCommands.ConfirmAllocationSent;
import org.unionledger.core.fund.FundCommands.DisburseReservation;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.FundCommands.SettleAllocation;
import org.unionledger.core.fund.FundEvents.AllocationAccepted;
import org.unionledger.core.fund.FundEvents.AllocationClawbackStarted;
import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.AllocationSent;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundEvents.ReservationReleased;

/** Allocations between funds: the source and the target side of each step, and clawbacks. */
class FundAllocationTest {

    private static final String CITY = "city-general";
    private static final String DISTRICT = "district-general";
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    private FixtureConfiguration<Fund> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Fund.class);
    }

    private static FundOpened cityFund() {
        return new FundOpened(CITY, "city", "City general fund", FundType.GENERAL);
    }

    private static FundOpened districtFund() {
        return new FundOpened(DISTRICT, "district-1", "District general fund", FundType.GENERAL);
    }

    private static ContributionRecorded funded(String fundId, String orgId, long amountFen) {
        return new ContributionRecorded(fundId, orgId, "c-0", amountFen, PayerType.UNION, "bank", TODAY, null, null);
    }

    private static FundsReserved heldForDistrict(long amountFen) {
        return new FundsReserved(CITY, "city", "a-1", amountFen, ReservationPurpose.ALLOCATION, DISTRICT);
    }

    private static AllocationAccepted accepted(long amountFen) {
        return new AllocationAccepted(DISTRICT, "district-1", "a-1", CITY, "city", amountFen);
    }

    private static AllocationReceived received(long amountFen) {
        return new AllocationReceived(DISTRICT, "district-1", "a-1", CITY, "city", amountFen);
    }

    @Test
    void sourceReservesAnAllocationForItsTargetFund() {
        fixture.given(cityFund(), funded(CITY, "city", 10_000))
                .when(new ReserveFunds(CITY, "a-1", 6_000, ReservationPurpose.ALLOCATION, DISTRICT))
                .expectEvents(heldForDistrict(6_000));
    }

    @Test
    void refusesAnAllocationWithoutTargetOrToItself() {
        fixture.given(cityFund(), funded(CITY, "city", 10_000))
                .when(new ReserveFunds(CITY, "a-1", 6_000, ReservationPurpose.ALLOCATION, null))
                .expectException(ruleViolation("ALLOCATION_TARGET_REQUIRED"))
                .expectNoEvents();
        fixture.given(cityFund(), funded(CITY, "city", 10_000))
                .when(new ReserveFunds(CITY, "a-1", 6_000, ReservationPurpose.ALLOCATION, CITY))
                .expectException(ruleViolation("ALLOCATION_FUNDS_MUST_DIFFER"))
                .expectNoEvents();
    }

    @Test
    void refusesAnAllocationBeyondTheSourceBalance() {
        fixture.given(cityFund(), funded(CITY, "city", 10_000))
                .when(new ReserveFunds(CITY, "a-1", 10_001, ReservationPurpose.ALLOCATION, DISTRICT))
                .expectException(ruleViolation("BALANCE_MUST_COVER_RESERVATION"))
                .expectNoEvents();
    }

    @Test
    void targetAcceptsAnAllocationAsPendingIncomingOnce() {
        fixture.given(districtFund())
                .when(new AcceptAllocation(DISTRICT, "a-1", CITY, "city", 6_000))
                .expectEvents(accepted(6_000));
        fixture.given(districtFund(), accepted(6_000))
                .when(new AcceptAllocation(DISTRICT, "a-1", CITY, "city", 6_000))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void targetRefusesAnAllocationIdReusedForAnotherAmount() {
        fixture.given(districtFund(), accepted(6_000))
                .when(new AcceptAllocation(DISTRICT, "a-1", CITY, "city", 7_000))
                .expectException(ruleViolation("ALLOCATION_ID_REUSED"))
                .expectNoEvents();
    }

    @Test
    void targetRefusesAnAllocationFromItself() {
        fixture.given(districtFund())
                .when(new AcceptAllocation(DISTRICT, "a-1", DISTRICT, "district-1", 6_000))
                .expectException(ruleViolation("ALLOCATION_FUNDS_MUST_DIFFER"))
                .expectNoEvents();
    }

    @Test
    void sourceConfirmsTheAllocationSentOnce() {
        fixture.given(cityFund(), funded(CITY, "city", 10_000), heldForDistrict(6_000))
                .when(new ConfirmAllocationSent(CITY, "a-1", DISTRICT, "district-1"))
                .expectEvents(new AllocationSent(CITY, "city", "a-1", 6_000, DISTRICT, "district-1"));
        fixture.given(cityFund(), funded(CITY, "city", 10_000), heldForDistrict(6_000),
                        new AllocationSent(CITY, "city", "a-1", 6_000, DISTRICT, "district-1"))
                .when(new ConfirmAllocationSent(CITY, "a-1", DISTRICT, "district-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void sourceRefusesToSendAReservationHeldForAnotherPurposeOrTarget() {
        fixture.given(cityFund(), funded(CITY, "city", 10_000),
                        new FundsReserved(CITY, "city", "a-1", 6_000, ReservationPurpose.CLAIM_PAYOUT, "claim-1"))
                .when(new ConfirmAllocationSent(CITY, "a-1", DISTRICT, "district-1"))
                .expectException(ruleViolation("RESERVATION_MUST_BE_FOR_ALLOCATION"))
                .expectNoEvents();
        fixture.given(cityFund(), funded(CITY, "city", 10_000), heldForDistrict(6_000))
                .when(new ConfirmAllocationSent(CITY, "a-1", "other-fund", "other"))
                .expectException(ruleViolation("ALLOCATION_TARGET_MUST_MATCH"))
                .expectNoEvents();
    }

    @Test
    void sourceRefusesToSendAReleasedAllocation() {
        fixture.given(cityFund(), funded(CITY, "city", 10_000), heldForDistrict(6_000),
                        new ReservationReleased(CITY, "city", "a-1", 6_000, ReservationPurpose.ALLOCATION, DISTRICT,
                                "target refused"))
                .when(new ConfirmAllocationSent(CITY, "a-1", DISTRICT, "district-1"))
                .expectException(ruleViolation("RESERVATION_MUST_BE_HELD"))
                .expectNoEvents();
    }

    @Test
    void allocationMoneyCannotBeDisbursedToABank() {
        fixture.given(cityFund(), funded(CITY, "city", 10_000), heldForDistrict(6_000))
                .when(new DisburseReservation(CITY, "a-1", "BANK-1", TODAY))
                .expectException(ruleViolation("ALLOCATION_MUST_BE_SENT_TO_A_FUND"))
                .expectNoEvents();
    }

    @Test
    void targetSettlesAnAcceptedAllocationOnce() {
        fixture.given(districtFund(), accepted(6_000))
                .when(new SettleAllocation(DISTRICT, "a-1"))
                .expectEvents(received(6_000));
        fixture.given(districtFund(), accepted(6_000), received(6_000))
                .when(new SettleAllocation(DISTRICT, "a-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void targetRefusesToSettleAnUnknownAllocation() {
        fixture.given(districtFund())
                .when(new SettleAllocation(DISTRICT, "a-9"))
                .expectException(ruleViolation("ALLOCATION_MUST_BE_ACCEPTED"))
                .expectNoEvents();
    }

    @Test
    void pendingIncomingMoneyCannotBeReservedBeforeItIsSettled() {
        fixture.given(districtFund(), accepted(6_000))
                .when(new ReserveFunds(DISTRICT, "r-1", 1, ReservationPurpose.SUBSIDY_GRANT, "grant-1"))
                .expectException(ruleViolation("BALANCE_MUST_COVER_RESERVATION"))
                .expectNoEvents();
    }

    @Test
    void clawsBackTheWholeUnusedPartOfAnAllocation() {
        var spent = new FundsReserved(DISTRICT, "district-1", "g-1", 2_500, ReservationPurpose.SUBSIDY_GRANT, "p-1");
        fixture.given(districtFund(), accepted(6_000), received(6_000), spent)
                .when(new ClawBackAllocation(DISTRICT, "a-1", "cb-1", 0, "period end"))
                .expectEvents(new AllocationClawbackStarted(DISTRICT, "district-1", "a-1", "cb-1", 3_500, CITY, "city",
                                "period end"),
                        new FundsReserved(DISTRICT, "district-1", "cb-1", 3_500, ReservationPurpose.ALLOCATION, CITY));
    }

    @Test
    void refusesToClawBackMoreThanTheUnusedPart() {
        var spent = new FundsReserved(DISTRICT, "district-1", "g-1", 2_500, ReservationPurpose.SUBSIDY_GRANT, "p-1");
        fixture.given(districtFund(), accepted(6_000), received(6_000), spent)
                .when(new ClawBackAllocation(DISTRICT, "a-1", "cb-1", 3_501, "period end"))
                .expectException(ruleViolation("CLAWBACK_MUST_NOT_EXCEED_UNUSED_ALLOCATION"))
                .expectNoEvents();
    }

    @Test
    void refusesToClawBackAFullyDrawnDownAllocation() {
        var spent = new FundsReserved(DISTRICT, "district-1", "g-1", 6_000, ReservationPurpose.SUBSIDY_GRANT, "p-1");
        fixture.given(districtFund(), accepted(6_000), received(6_000), spent,
                        new ReservationDisbursed(DISTRICT, "district-1", "g-1", 6_000, ReservationPurpose.SUBSIDY_GRANT,
                                "p-1", "BANK-1", TODAY))
                .when(new ClawBackAllocation(DISTRICT, "a-1", "cb-1", 0, "period end"))
                .expectException(ruleViolation("ALLOCATION_MUST_HAVE_UNUSED_MONEY"))
                .expectNoEvents();
    }

    @Test
    void refusesToClawBackAnAllocationNotYetReceived() {
        fixture.given(districtFund(), accepted(6_000))
                .when(new ClawBackAllocation(DISTRICT, "a-1", "cb-1", 0, "period end"))
                .expectException(ruleViolation("ALLOCATION_MUST_BE_RECEIVED"))
                .expectNoEvents();
    }

    @Test
    void clawsBackOnceButMayRetryTheSameClawback() {
        var started = new AllocationClawbackStarted(DISTRICT, "district-1", "a-1", "cb-1", 6_000, CITY, "city", "end");
        var held = new FundsReserved(DISTRICT, "district-1", "cb-1", 6_000, ReservationPurpose.ALLOCATION, CITY);
        fixture.given(districtFund(), accepted(6_000), received(6_000), started, held)
                .when(new ClawBackAllocation(DISTRICT, "a-1", "cb-1", 0, "end"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(districtFund(), accepted(6_000), received(6_000), started, held)
                .when(new ClawBackAllocation(DISTRICT, "a-1", "cb-2", 0, "end"))
                .expectException(ruleViolation("ALLOCATION_CLAWED_BACK_ONCE"))
                .expectNoEvents();
    }

    @Test
    void aRefusedClawbackCanBeStartedAgain() {
        var started = new AllocationClawbackStarted(DISTRICT, "district-1", "a-1", "cb-1", 6_000, CITY, "city", "end");
        var held = new FundsReserved(DISTRICT, "district-1", "cb-1", 6_000, ReservationPurpose.ALLOCATION, CITY);
        var released = new ReservationReleased(DISTRICT, "district-1", "cb-1", 6_000, ReservationPurpose.ALLOCATION,
                CITY, "target refused");
        fixture.given(districtFund(), accepted(6_000), received(6_000), started, held, released)
                .when(new ClawBackAllocation(DISTRICT, "a-1", "cb-2", 0, "end"))
                .expectEvents(new AllocationClawbackStarted(DISTRICT, "district-1", "a-1", "cb-2", 6_000, CITY, "city",
                                "end"),
                        new FundsReserved(DISTRICT, "district-1", "cb-2", 6_000, ReservationPurpose.ALLOCATION, CITY));
    }
}
