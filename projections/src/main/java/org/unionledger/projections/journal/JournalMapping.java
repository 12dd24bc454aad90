package org.unionledger.projections.journal;

import static org.unionledger.projections.journal.JournalAccounts.ASSETS;
import static org.unionledger.projections.journal.JournalAccounts.CASH_AVAILABLE;
import static org.unionledger.projections.journal.JournalAccounts.CASH_RESERVED;
import static org.unionledger.projections.journal.JournalAccounts.EXPENSES;
import static org.unionledger.projections.journal.JournalAccounts.INCOME;
import static org.unionledger.projections.journal.Posting.credit;
import static org.unionledger.projections.journal.Posting.debit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundEvents.ReservationReleased;

/**
 * What each money event means in the books: one balanced entry per event. To book a new money
 * event, add one method here and one line to {@link #entryFor}; the projection, the trial balance,
 * the exports and scripts/verify follow.
 */
public final class JournalMapping {

    /** The unions keep their books in China Standard Time. */
    public static final ZoneId BOOKS_ZONE = ZoneId.of("Asia/Shanghai");

    private JournalMapping() {
    }

    /** The entry for a money event, or empty for an event that moves no money. */
    public static Optional<JournalEntryDraft> entryFor(Object event, Instant recordedAt) {
        LocalDate recordedOn = recordedAt.atZone(BOOKS_ZONE).toLocalDate();
        if (event instanceof ContributionRecorded e) {
            return Optional.of(contribution(e));
        }
        if (event instanceof FundsReserved e) {
            return Optional.of(reservation(e, recordedOn));
        }
        if (event instanceof ReservationDisbursed e) {
            return Optional.of(disbursement(e));
        }
        if (event instanceof ReservationReleased e) {
            return Optional.of(release(e, recordedOn));
        }
        if (event instanceof PaymentReturned e) {
            return Optional.of(returnedPayment(e));
        }
        return Optional.empty();
    }

    /** Money received: cash at bank up, income by payer type. */
    static JournalEntryDraft contribution(ContributionRecorded e) {
        return new JournalEntryDraft(e.fundId(), e.orgId(), "ContributionRecorded", e.effectiveDate(),
                e.contributionId(), "Contribution " + e.contributionId() + " from " + e.payerType()
                + (e.channel() == null ? "" : " via " + e.channel()),
                e.reference() != null ? e.reference() : e.contributionId(), e.amountFen(),
                List.of(debit(ASSETS, CASH_AVAILABLE, e.amountFen()),
                        credit(INCOME, JournalAccounts.contributions(e.payerType()), e.amountFen())));
    }

    /** Money held for an approved payout: it moves from available to reserved cash. */
    static JournalEntryDraft reservation(FundsReserved e, LocalDate recordedOn) {
        return new JournalEntryDraft(e.fundId(), e.orgId(), "FundsReserved", recordedOn, e.reservationId(),
                "Reserved for " + e.purpose() + referenceText(e.reference()), null, 0,
                List.of(debit(ASSETS, CASH_RESERVED, e.amountFen()),
                        credit(ASSETS, CASH_AVAILABLE, e.amountFen())));
    }

    /** Held money paid out: the payout expense by purpose, reserved cash down. */
    static JournalEntryDraft disbursement(ReservationDisbursed e) {
        return new JournalEntryDraft(e.fundId(), e.orgId(), "ReservationDisbursed", e.paidOn(), e.reservationId(),
                "Paid " + e.purpose() + referenceText(e.reference()) + ", payment " + e.paymentReference(),
                e.paymentReference(), -e.amountFen(),
                List.of(debit(EXPENSES, JournalAccounts.payouts(e.purpose()), e.amountFen()),
                        credit(ASSETS, CASH_RESERVED, e.amountFen())));
    }

    /** Held money given back: reserved cash returns to available. */
    static JournalEntryDraft release(ReservationReleased e, LocalDate recordedOn) {
        return new JournalEntryDraft(e.fundId(), e.orgId(), "ReservationReleased", recordedOn, e.reservationId(),
                "Released " + e.purpose() + referenceText(e.reference())
                + (e.reason() == null ? "" : ": " + e.reason()), null, 0,
                List.of(debit(ASSETS, CASH_AVAILABLE, e.amountFen()),
                        credit(ASSETS, CASH_RESERVED, e.amountFen())));
    }

    /** A reversal: the bank returned a payment; cash back, the payout reversed in a contra account. */
    static JournalEntryDraft returnedPayment(PaymentReturned e) {
        return new JournalEntryDraft(e.fundId(), e.orgId(), "PaymentReturned", e.returnedOn(), e.reservationId(),
                "Returned payment for " + e.purpose() + referenceText(e.reference())
                + (e.bankReference() == null ? "" : ", bank " + e.bankReference()),
                e.bankReference(), e.amountFen(),
                List.of(debit(ASSETS, CASH_AVAILABLE, e.amountFen()),
                        credit(EXPENSES, JournalAccounts.payoutReturns(e.purpose()), e.amountFen())));
    }

    private static String referenceText(String reference) {
        return reference == null ? "" : " " + reference;
    }
}
