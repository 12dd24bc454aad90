package org.unionledger.projections.hardship;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.hardship.AssistanceType;
import org.unionledger.core.hardship.ExitReason;
import org.unionledger.core.hardship.HardshipCause;
import org.unionledger.core.hardship.HardshipEvents.GrantApproved;
import org.unionledger.core.hardship.HardshipEvents.GrantPaid;
import org.unionledger.core.hardship.HardshipEvents.GrantProposed;
import org.unionledger.core.hardship.HardshipEvents.HardshipCaseRegistered;
import org.unionledger.core.hardship.HardshipEvents.HardshipCaseVerified;
import org.unionledger.core.hardship.HardshipEvents.HardshipExited;
import org.unionledger.core.hardship.HardshipEvents.HardshipReentered;
import org.unionledger.core.hardship.HardshipEvents.VerificationCheckRecorded;
import org.unionledger.projections.support.TestDatabase;

class HardshipProjectionTest {

    private final HardshipRegisterProjection register = new HardshipRegisterProjection(TestDatabase.dsl());
    private final HardshipMoneyProjection money = new HardshipMoneyProjection(TestDatabase.dsl());
    private final HardshipStatistics statistics = new HardshipStatistics(TestDatabase.dsl());
    private String org;
    private final Instant now = Instant.now();

    @BeforeEach
    void newOrganisation() {
        org = "org-" + UUID.randomUUID();
    }

    private HardshipCaseRegistered registered(String caseId, LocalDate on) {
        return new HardshipCaseRegistered(caseId, "m-" + caseId, org, 3, 40_000,
                List.of(HardshipCause.DISABILITY), List.of("CIVIL_AFFAIRS", "HOUSING"),
                Map.of(), "caseworker", on);
    }

    private HardshipExited exited(String caseId, LocalDate on) {
        return new HardshipExited(caseId, org, ExitReason.INCOME_ABOVE_THRESHOLD, null, "caseworker", on);
    }

    @Test
    void theRegisterFollowsAHouseholdThroughVerificationAndExit() {
        String caseId = org + "-hh";
        register.on(registered(caseId, LocalDate.of(2025, 5, 1)), 0, now);
        register.on(new VerificationCheckRecorded(caseId, org, "CIVIL_AFFAIRS", true, null, "caseworker",
                LocalDate.of(2025, 5, 2)), 1, now);

        var view = register.handle(new HardshipCaseQuery(caseId));
        assertThat(view.status(), equalTo("REGISTERED"));
        assertThat(view.checks().get(0).passed(), equalTo(true));
        assertThat(view.checks().get(1).passed(), nullValue());

        register.on(new VerificationCheckRecorded(caseId, org, "HOUSING", true, null, "caseworker2",
                LocalDate.of(2025, 5, 3)), 2, now);
        register.on(new HardshipCaseVerified(caseId, org, LocalDate.of(2025, 5, 3)), 3, now);
        register.on(exited(caseId, LocalDate.of(2026, 2, 1)), 4, now);

        view = register.handle(new HardshipCaseQuery(caseId));
        assertThat(view.status(), equalTo("EXITED"));
        assertThat(view.exitReason(), equalTo("INCOME_ABOVE_THRESHOLD"));
        var byOrg = register.handle(new HardshipRegisterQuery(null, HardshipCause.DISABILITY, org, 100));
        assertThat(byOrg.exited(), equalTo(1));
        assertThat(byOrg.active(), equalTo(0));
        assertThat(register.handle(new HardshipRegisterQuery("ACTIVE", null, org, 100)).total(), equalTo(0));
        assertThat(register.handle(new HardshipRegisterQuery(null, HardshipCause.DISASTER, org, 100)).total(),
                equalTo(0));
    }

    @Test
    void replayedEventsChangeNothing() {
        String caseId = org + "-hh";
        var registration = registered(caseId, LocalDate.of(2025, 5, 1));
        var proposed = new GrantProposed(caseId, org, "g-1", "fund", AssistanceType.MEDICAL_AID, 5_000, null, null,
                null, 2025, "caseworker", LocalDate.of(2025, 6, 1));
        register.on(registration, 0, now);
        register.on(new HardshipCaseVerified(caseId, org, LocalDate.of(2025, 5, 3)), 1, now);
        register.on(proposed, 2, now);
        register.on(exited(caseId, LocalDate.of(2025, 9, 1)), 3, now);
        register.on(registration, 0, now);
        register.on(proposed, 2, now);
        register.on(new HardshipCaseVerified(caseId, org, LocalDate.of(2025, 5, 3)), 1, now);

        var view = register.handle(new HardshipCaseQuery(caseId));
        assertThat(view.status(), equalTo("EXITED"));
        assertThat(view.grants().size(), equalTo(1));
        assertThat(statistics.handle(new HardshipStatisticsQuery(org)).exitRates().get(0).exitedDuringYear(),
                equalTo(1L));
    }

    @Test
    void exitRateIsExitedDuringTheYearOverActiveAtItsStart() {
        for (int i = 0; i < 4; i++) {
            register.on(registered(org + "-" + i, LocalDate.of(2024, 3, 1)), 0, now);
        }
        register.on(exited(org + "-0", LocalDate.of(2025, 4, 1)), 1, now);
        register.on(exited(org + "-1", LocalDate.of(2025, 7, 1)), 1, now);
        register.on(exited(org + "-2", LocalDate.of(2025, 8, 1)), 1, now);
        register.on(new HardshipReentered(org + "-2", org, List.of(HardshipCause.ACCIDENT), List.of("HOUSING"), null,
                "caseworker", LocalDate.of(2025, 12, 1)), 2, now);
        register.on(registered(org + "-new", LocalDate.of(2025, 6, 1)), 0, now);

        var rates = statistics.handle(new HardshipStatisticsQuery(org)).exitRates();

        var y2025 = rates.stream().filter(rate -> rate.year() == 2025).findFirst().orElseThrow();
        assertThat(y2025.activeAtStart(), equalTo(4L));
        assertThat(y2025.exitedDuringYear(), equalTo(3L));
        assertThat(y2025.enteredDuringYear(), equalTo(2L));
        assertThat(y2025.exitRateBasisPoints(), equalTo(7_500L));
        assertThat(rates.get(0).year(), equalTo(2024));
        assertThat(rates.get(0).exitRateBasisPoints(), nullValue());
    }

    private void openHardshipAndGeneralFunds(String hardshipFund) {
        money.on(new FundOpened(hardshipFund, org, "Hardship", FundType.HARDSHIP));
        money.on(new FundOpened(org + "-general", org, "General", FundType.GENERAL));
    }

    @Test
    void moneyRaisedBySourceAgainstGrantsPaid() {
        String fund = org + "-fund";
        LocalDate day = LocalDate.of(2026, 1, 10);
        openHardshipAndGeneralFunds(fund);
        money.on(new ContributionRecorded(fund, org, "c-1", 100_000, PayerType.UNION, "bank", day, null, null));
        money.on(new ContributionRecorded(fund, org, "c-2", 50_000, PayerType.HIGHER_LEVEL_UNION, "bank", day, null,
                null));
        money.on(new ContributionRecorded(fund, org, "c-2", 50_000, PayerType.HIGHER_LEVEL_UNION, "bank", day, null,
                null));
        money.on(new ContributionRecorded(org + "-general", org, "c-3", 999, PayerType.MEMBER, "bank", day, null,
                null));
        money.on(new ReservationDisbursed(fund, org, "r-1", 30_000, ReservationPurpose.HARDSHIP_GRANT, "hh/g-1",
                "BANK-1", day));
        money.on(new ReservationDisbursed(fund, org, "r-2", 5_000, ReservationPurpose.HARDSHIP_GRANT, "hh/g-2",
                "BANK-2", day));
        money.on(new PaymentReturned(fund, org, "r-2", 5_000, ReservationPurpose.HARDSHIP_GRANT, "hh/g-2", "RET",
                day));

        var view = statistics.handle(new HardshipStatisticsQuery(org));

        assertThat(view.raisedFen(), equalTo(150_000L));
        assertThat(view.spentFen(), equalTo(30_000L));
        assertThat(view.raisedBySource(), contains(new HardshipStatisticsView.Source("HIGHER_LEVEL_UNION", 50_000),
                new HardshipStatisticsView.Source("UNION", 100_000)));
    }

    @Test
    void aHardshipFundOpenedBeforeARestartKeepsItsMoney() {
        String fund = org + "-fund";
        LocalDate day = LocalDate.of(2026, 1, 10);
        openHardshipAndGeneralFunds(fund);
        var restarted = new HardshipMoneyProjection(TestDatabase.dsl());

        restarted.on(new ContributionRecorded(fund, org, "c-1", 100_000, PayerType.UNION, "bank", day, null, null));
        restarted.on(new ContributionRecorded(org + "-general", org, "c-2", 999, PayerType.MEMBER, "bank", day, null,
                null));

        var view = statistics.handle(new HardshipStatisticsQuery(org));
        assertThat(view.raisedFen(), equalTo(100_000L));
        assertThat(view.raisedBySource(), contains(new HardshipStatisticsView.Source("UNION", 100_000)));
    }

    @Test
    void assistanceIsCountedByTypeMonthAndOrganisationWhenPaid() {
        String caseId = org + "-hh";
        register.on(registered(caseId, LocalDate.of(2026, 1, 1)), 0, now);
        register.on(new GrantProposed(caseId, org, "g-1", "f", AssistanceType.LIVING_ALLOWANCE, 20_000, null, null,
                null, 2026, "caseworker", LocalDate.of(2026, 1, 5)), 1, now);
        register.on(new GrantProposed(caseId, org, "g-2", "f", AssistanceType.LIVING_ALLOWANCE, 30_000, null, null,
                null, 2026, "caseworker", LocalDate.of(2026, 1, 5)), 2, now);
        register.on(new GrantApproved(caseId, org, "g-1", "f", AssistanceType.LIVING_ALLOWANCE, 20_000, 2026, "r-1",
                caseId + "/g-1", "caseworker2", LocalDate.of(2026, 1, 6)), 3, now);
        register.on(new GrantPaid(caseId, org, "g-1", "f", AssistanceType.LIVING_ALLOWANCE, 20_000, "BANK-1",
                LocalDate.of(2026, 2, 3)), 4, now);

        var view = statistics.handle(new HardshipStatisticsQuery(org));

        assertThat(view.assistance(), contains(new HardshipStatisticsView.Assistance("LIVING_ALLOWANCE", "2026-02",
                org, 1, 20_000)));
        assertThat(register.handle(new HardshipCaseQuery(caseId)).grants().stream().map(g -> g.status()).toList(),
                hasItem("PROPOSED"));
    }
}
