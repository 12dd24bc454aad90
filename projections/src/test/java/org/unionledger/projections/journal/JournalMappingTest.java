package org.unionledger.projections.journal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.FundEvents.AllocationAccepted;
import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.AllocationSent;
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
        var entry = JournalMapping.entriesFor(new ContributionRecorded("f", "city", "c-1", 500,
                PayerType.HIGHER_LEVEL_UNION, "bank", LocalDate.of(2026, 3, 2), null, "REF-1"), LATE_EVENING_UTC).get(0);

        assertThat(entry.effectiveDate(), equalTo(LocalDate.of(2026, 3, 2)));
        assertThat(entry.postings(), contains(Posting.debit("Assets", "Cash:Available", 500),
                Posting.credit("Income", "Contributions:HigherLevelUnion", 500)));
        assertThat(entry.bankReference(), equalTo("REF-1"));
        assertThat(entry.bankAmountFen(), equalTo(500L));
    }

    @Test
    void aReservationIsDatedTheDayItWasRecordedInTheBooksTimeZone() {
        var entry = JournalMapping.entriesFor(new FundsReserved("f", "city", "r-1", 300,
                ReservationPurpose.CLAIM_PAYOUT, "claim-1"), LATE_EVENING_UTC).get(0);

        assertThat(entry.effectiveDate(), equalTo(LocalDate.of(2026, 4, 1)));
        assertThat(entry.postings(), contains(Posting.debit("Assets", "Cash:Reserved", 300),
                Posting.credit("Assets", "Cash:Available", 300)));
    }

    @Test
    void aPayoutIsAnExpenseByPurposeAndAReturnedPaymentReversesItInAContraAccount() {
        var paid = JournalMapping.entriesFor(new ReservationDisbursed("f", "city", "r-1", 300,
                ReservationPurpose.HARDSHIP_GRANT, "case-1", "PAY-1", LocalDate.of(2026, 3, 5)), Instant.now())
                .get(0);
        var returned = JournalMapping.entriesFor(new PaymentReturned("f", "city", "r-1", 300,
                ReservationPurpose.HARDSHIP_GRANT, "case-1", "RET-1", LocalDate.of(2026, 4, 2)), Instant.now())
                .get(0);

        assertThat(paid.postings(), contains(Posting.debit("Expenses", "Payouts:HardshipGrant", 300),
                Posting.credit("Assets", "Cash:Reserved", 300)));
        assertThat(paid.bankAmountFen(), equalTo(-300L));
        assertThat(returned.effectiveDate(), equalTo(LocalDate.of(2026, 4, 2)));
        assertThat(returned.postings(), contains(Posting.debit("Assets", "Cash:Available", 300),
                Posting.credit("Expenses", "PayoutReturns:HardshipGrant", 300)));
    }

    @Test
    void anAllocationPaidOutIsBookedAsAllocationOut() {
        var paid = JournalMapping.entriesFor(new ReservationDisbursed("f", "city", "r-1", 300,
                ReservationPurpose.ALLOCATION, "alloc-1", "PAY-1", LocalDate.of(2026, 3, 5)), Instant.now())
                .get(0);
        assertThat(paid.postings().get(0).accountPath(), equalTo("Allocations:Out"));
    }

    @Test
    void anAllocationSentLeavesTheSourceAndIsInTransitInTheTargetsBooksUntilReceived() {
        var sent = JournalMapping.entriesFor(new AllocationSent("city", "c-1", "a-1", 300, "district", "d-1"),
                LATE_EVENING_UTC);
        var received = JournalMapping.entriesFor(new AllocationReceived("district", "d-1", "a-1", "city", "c-1", 300),
                LATE_EVENING_UTC);

        assertThat(sent.get(0).fundId(), equalTo("city"));
        assertThat(sent.get(0).postings(), contains(Posting.debit("Expenses", "Allocations:Out", 300),
                Posting.credit("Assets", "Cash:Reserved", 300)));
        assertThat(sent.get(0).bankAmountFen(), equalTo(-300L));
        assertThat(sent.get(1).fundId(), equalTo("district"));
        assertThat(sent.get(1).orgId(), equalTo("d-1"));
        assertThat(sent.get(1).postings(), contains(Posting.debit("Assets", "Allocations:InTransit", 300),
                Posting.credit("Income", "Allocations:In", 300)));
        assertThat(sent.get(1).bankAmountFen(), equalTo(0L));
        assertThat(sent.get(1).effectiveDate(), equalTo(LocalDate.of(2026, 4, 1)));
        assertThat(received, hasSize(1));
        assertThat(received.get(0).postings(), contains(Posting.debit("Assets", "Cash:Available", 300),
                Posting.credit("Assets", "Allocations:InTransit", 300)));
        assertThat(received.get(0).bankAmountFen(), equalTo(300L));
    }

    @Test
    void theEntryInAnotherFundsBooksHasAnIdOfItsOwn() {
        var sent = JournalMapping.entriesFor(new AllocationSent("city", "c-1", "a-1", 300, "district", "d-1"),
                Instant.now());

        assertThat(JournalMapping.entryId("event-1", 0, sent.get(0)), equalTo("event-1"));
        assertThat(JournalMapping.entryId("event-1", 1, sent.get(1)), equalTo("event-1:district"));
    }

    @Test
    void eventsThatMoveNoMoneyHaveNoEntry() {
        assertThat(JournalMapping.entriesFor(new FundOpened("f", "city", "F", FundType.GENERAL), Instant.now()),
                empty());
        assertThat(JournalMapping.entriesFor(new AllocationAccepted("district", "d-1", "a-1", "city", "c-1", 300),
                Instant.now()), empty());
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
