package org.unionledger.projections.journal;

import static org.unionledger.projections.journal.JournalAccounts.ALLOCATIONS_IN;
import static org.unionledger.projections.journal.JournalAccounts.ALLOCATIONS_IN_TRANSIT;
import static org.unionledger.projections.journal.JournalAccounts.ALLOCATIONS_OUT;
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
import java.util.Set;

import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.AllocationSent;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundEvents.ReservationReleased;

/**
 * What each money event means in the books: balanced entries, each in one fund's books. Most events
 * make one entry in their own fund; an allocation sent makes a second one in the target fund, so
 * that money on its way between funds is in exactly one fund's assets at every event. To book a
 * new money event, add one method here and one line to {@link #entriesFor}; the projection, the
 * trial balance, the exports and scripts/verify follow.
 */
public final class JournalMapping {

    /** The unions keep their books in China Standard Time. */
    public static final ZoneId BOOKS_ZONE = ZoneId.of("Asia/Shanghai");

    private JournalMapping() {
    }

    /** The money events: the only events {@link #entriesFor} makes entries of. */
    public static final Set<Class<?>> BOOKED = Set.of(ContributionRecorded.class, FundsReserved.class,
            ReservationDisbursed.class, ReservationReleased.class, PaymentReturned.class, AllocationSent.class,
            AllocationReceived.class);

    /**
     * The entries of a money event, the one in the event's own fund first; empty for an event that
     * moves no money.
     */
    public static List<JournalEntryDraft> entriesFor(Object event, Instant recordedAt) {
        if (!BOOKED.contains(event.getClass())) {
            // A mapping below for a type not in BOOKED would never run: JournalProjection has a handler
            // for each type in BOOKED only.
            return List.of();
        }
        LocalDate recordedOn = recordedAt.atZone(BOOKS_ZONE).toLocalDate();
        if (event instanceof ContributionRecorded e) {
            return List.of(contribution(e));
        }
        if (event instanceof FundsReserved e) {
            return List.of(reservation(e, recordedOn));
        }
        if (event instanceof ReservationDisbursed e) {
            return List.of(disbursement(e));
        }
        if (event instanceof ReservationReleased e) {
            return List.of(release(e, recordedOn));
        }
        if (event instanceof PaymentReturned e) {
            return List.of(returnedPayment(e));
        }
        if (event instanceof AllocationSent e) {
            return List.of(allocationSent(e, recordedOn), allocationInTransit(e, recordedOn));
        }
        if (event instanceof AllocationReceived e) {
            return List.of(allocationReceived(e, recordedOn));
        }
        // AllocationAccepted records money on its way (pending incoming), but the source still holds
        // it as reserved cash until it sends it, so it moves nothing here.
        return List.of();
    }

    /**
     * The journal's id of the entry at {@code position} in {@link #entriesFor}: the event identifier
     * for the entry in the event's own fund (so a replay adds nothing), and
     * {@code <eventIdentifier>:<fundId>} for the entry the event makes in another fund's books.
     */
    public static String entryId(String eventId, int position, JournalEntryDraft entry) {
        return position == 0 ? eventId : eventId + ":" + entry.fundId();
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

    /** An allocation left the source fund: its held money is booked out to the target. */
    static JournalEntryDraft allocationSent(AllocationSent e, LocalDate recordedOn) {
        return new JournalEntryDraft(e.fundId(), e.orgId(), "AllocationSent", recordedOn, e.allocationId(),
                "Allocation " + e.allocationId() + " to " + e.targetFundId(), e.allocationId(), -e.amountFen(),
                List.of(debit(EXPENSES, ALLOCATIONS_OUT, e.amountFen()),
                        credit(ASSETS, CASH_RESERVED, e.amountFen())));
    }

    /**
     * The same allocation in the target fund's books: from the moment the source sent it, the money
     * is the target's, receivable until it arrives (allocations in transit) and income already. No
     * money crossed the target's bank account yet.
     */
    static JournalEntryDraft allocationInTransit(AllocationSent e, LocalDate recordedOn) {
        return new JournalEntryDraft(e.targetFundId(), e.targetOrgId(), "AllocationSent", recordedOn,
                e.allocationId(), "Allocation " + e.allocationId() + " from " + e.fundId() + " in transit", null, 0,
                List.of(debit(ASSETS, ALLOCATIONS_IN_TRANSIT, e.amountFen()),
                        credit(INCOME, ALLOCATIONS_IN, e.amountFen())));
    }

    /** An allocation arrived in the target fund: in transit becomes available cash at bank. */
    static JournalEntryDraft allocationReceived(AllocationReceived e, LocalDate recordedOn) {
        return new JournalEntryDraft(e.fundId(), e.orgId(), "AllocationReceived", recordedOn, e.allocationId(),
                "Allocation " + e.allocationId() + " from " + e.sourceFundId(), e.allocationId(), e.amountFen(),
                List.of(debit(ASSETS, CASH_AVAILABLE, e.amountFen()),
                        credit(ASSETS, ALLOCATIONS_IN_TRANSIT, e.amountFen())));
    }

    private static String referenceText(String reference) {
        return reference == null ? "" : " " + reference;
    }
}
