package org.unionledger.projections.journal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.fund.ReservationPurpose;

class JournalMappingTest {

    /** 2026-03-31T20:00Z is already 1 April in Shanghai, where the books are kept. */
    private static final Instant LATE_EVENING_UTC = Instant.parse("2026-03-31T20:00:00Z");

    @Test
    void aContributionDebitsAvailableCashAndCreditsIncomeByPayerOnItsEffectiveDate() {
        var entry = JournalMapping.entryFor(new ContributionRecorded("f", "city", "c-1", 500, PayerType.HIGHER_LEVEL_UNION,
                "bank", LocalDate.of(2026, 3, 2), null, "REF-1"), LATE_EVENING_UTC).orElseThrow();

        assertThat(entry.effectiveDate(), equalTo(LocalDate.of(2026, 3, 2)));
        assertThat(entry.postings(), contains(Posting.debit("Assets", "Cash:Available", 500),
                Posting.credit("Income", "Contributions:HigherLevelUnion", 500)));
        assertThat(entry.bankReference(), equalTo("REF-1"));
        assertThat(entry.bankAmountFen(), equalTo(500L));
    }

    @Test
    void aReservationIsDatedTheDayItWasRecordedInTheBooksTimeZone() {
        var entry = JournalMapping.entryFor(new FundsReserved("f", "city", "r-1", 300, ReservationPurpose.CLAIM_PAYOUT,
                "claim-1"), LATE_EVENING_UTC).orElseThrow();

        assertThat(entry.effectiveDate(), equalTo(LocalDate.of(2026, 4, 1)));
        assertThat(entry.postings(), contains(Posting.debit("Assets", "Cash:Reserved", 300),
                Posting.credit("Assets", "Cash:Available", 300)));
    }

    @Test
    void aPayoutIsAnExpenseByPurposeAndAReturnedPaymentReversesItInAContraAccount() {
        var paid = JournalMapping.entryFor(new ReservationDisbursed("f", "city", "r-1", 300,
                ReservationPurpose.HARDSHIP_GRANT, "case-1", "PAY-1", LocalDate.of(2026, 3, 5)), Instant.now())
                .orElseThrow();
        var returned = JournalMapping.entryFor(new PaymentReturned("f", "city", "r-1", 300,
                ReservationPurpose.HARDSHIP_GRANT, "case-1", "RET-1", LocalDate.of(2026, 4, 2)), Instant.now())
                .orElseThrow();

        assertThat(paid.postings(), contains(Posting.debit("Expenses", "Payouts:HardshipGrant", 300),
                Posting.credit("Assets", "Cash:Reserved", 300)));
        assertThat(paid.bankAmountFen(), equalTo(-300L));
        assertThat(returned.effectiveDate(), equalTo(LocalDate.of(2026, 4, 2)));
        assertThat(returned.postings(), contains(Posting.debit("Assets", "Cash:Available", 300),
                Posting.credit("Expenses", "PayoutReturns:HardshipGrant", 300)));
    }

    @Test
    void anAllocationPaidOutIsBookedAsAllocationOut() {
        var paid = JournalMapping.entryFor(new ReservationDisbursed("f", "city", "r-1", 300,
                ReservationPurpose.ALLOCATION, "alloc-1", "PAY-1", LocalDate.of(2026, 3, 5)), Instant.now())
                .orElseThrow();
        assertThat(paid.postings().get(0).accountPath(), equalTo("Allocations:Out"));
    }

    @Test
    void eventsThatMoveNoMoneyHaveNoEntry() {
        assertThat(JournalMapping.entryFor(new FundOpened("f", "city", "F", FundType.GENERAL), Instant.now())
                .isPresent(), equalTo(false));
    }

    @Test
    void fundIdsBecomeValidBeancountComponentsThatStayApart() {
        assertThat(JournalAccounts.beancountComponent("city-general"), equalTo("City-general"));
        assertThat(JournalAccounts.beancountComponent("2026-pool"), equalTo("2026-pool"));
        String dotted = JournalAccounts.beancountComponent("city.pool");
        String underscored = JournalAccounts.beancountComponent("city_pool");
        assertThat(dotted.matches("[A-Z0-9][A-Za-z0-9-]*"), equalTo(true));
        assertThat(JournalAccounts.beancountComponent("_x").matches("[A-Z0-9][A-Za-z0-9-]*"), equalTo(true));
        assertThat(dotted, not(equalTo(underscored)));
    }
}
