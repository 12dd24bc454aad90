package org.unionledger.core.fund;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.unionledger.core.fund.FundCommands.AcceptAllocation;
import org.unionledger.core.fund.FundCommands.ClawBackAllocation;
import org.unionledger.core.fund.FundCommands.ConfirmAllocationSent;
import org.unionledger.core.fund.FundCommands.DisburseReservation;
import org.unionledger.core.fund.FundCommands.OpenFund;
import org.unionledger.core.fund.FundCommands.RecordContribution;
import org.unionledger.core.fund.FundCommands.ReleaseReservation;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.FundCommands.ReturnPayment;
import org.unionledger.core.fund.FundCommands.SettleAllocation;
import org.unionledger.core.fund.FundEvents.AllocationAccepted;
import org.unionledger.core.fund.FundEvents.AllocationClawbackStarted;
import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.AllocationSent;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.PaymentReturned;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.FundEvents.ReservationReleased;
import org.unionledger.core.money.FundAccount;
import org.unionledger.core.money.Money;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.core.rule.Ids;

/**
 * A union fund owned by one organisation: all money of the ledger lives in funds. What the money
 * is for (claims, grants, allocations) is decided by the pool, hardship and subsidy aggregates,
 * which move money here with deterministic ids. Registered with Axon by ledger-api.
 */
public class Fund {

    @AggregateIdentifier
    private String fundId;
    private String orgId;
    private final FundAccount account = new FundAccount();
    /** Every reservation ever made, so retried commands are recognised. */
    private final Map<String, Reservation> reservations = new HashMap<>();
    /** Every allocation other funds sent here, pending or received, by allocationId. */
    private final Map<String, IncomingAllocation> incoming = new HashMap<>();

    protected Fund() {
        // Axon rebuilds the fund from its events.
    }

    @CommandHandler
    public Fund(OpenFund command) {
        Ids.requireValid("fundId", command.fundId());
        Ids.requireValid("orgId", command.orgId());
        BusinessRuleViolation.require(command.name() != null && !command.name().isBlank(), "FUND_NAME_REQUIRED",
                "a fund needs a name");
        BusinessRuleViolation.require(command.fundType() != null, "FUND_TYPE_REQUIRED", "a fund needs a type");
        apply(new FundOpened(command.fundId(), command.orgId(), command.name().strip(), command.fundType()));
    }

    @CommandHandler
    public String handle(RecordContribution command) {
        Ids.requireValid("contributionId", command.contributionId());
        Money amount = Money.positiveAmount(command.amountFen());
        BusinessRuleViolation.require(command.payerType() != null, "PAYER_TYPE_REQUIRED", "payerType is required");
        BusinessRuleViolation.require(command.effectiveDate() != null, "EFFECTIVE_DATE_REQUIRED",
                "effectiveDate is required");
        account.checkCanReceive(amount);
        apply(new ContributionRecorded(fundId, orgId, command.contributionId(), amount.fen(), command.payerType(),
                command.channel(), command.effectiveDate(), command.memo(), command.reference()));
        return command.contributionId();
    }

    @CommandHandler
    public String handle(ReserveFunds command) {
        Ids.requireValid("reservationId", command.reservationId());
        Money amount = Money.positiveAmount(command.amountFen());
        BusinessRuleViolation.require(command.purpose() != null, "RESERVATION_PURPOSE_REQUIRED",
                "a reservation needs a purpose");
        if (command.purpose() == ReservationPurpose.ALLOCATION) {
            // An allocation reservation is the first step of a fund-to-fund transfer: the reference
            // names the target fund, and the allocation policy carries the money there.
            BusinessRuleViolation.require(command.reference() != null && !command.reference().isBlank(),
                    "ALLOCATION_TARGET_REQUIRED", "an allocation names its target fund in reference");
            BusinessRuleViolation.require(!command.reference().equals(fundId), "ALLOCATION_FUNDS_MUST_DIFFER",
                    "a fund cannot allocate to itself");
        }
        Reservation earlier = reservations.get(command.reservationId());
        if (earlier != null) {
            BusinessRuleViolation.require(earlier.amountFen() == amount.fen(), "RESERVATION_ID_REUSED",
                    "reservation " + command.reservationId() + " was made for another amount");
            return command.reservationId();
        }
        account.checkCanReserve(amount);
        apply(new FundsReserved(fundId, orgId, command.reservationId(), amount.fen(), command.purpose(),
                command.reference()));
        return command.reservationId();
    }

    @CommandHandler
    public String handle(DisburseReservation command) {
        Reservation reservation = existing(command.reservationId());
        if (reservation.status() == Reservation.Status.DISBURSED) {
            return command.reservationId();
        }
        requireHeld(reservation);
        BusinessRuleViolation.require(reservation.purpose() != ReservationPurpose.ALLOCATION,
                "ALLOCATION_MUST_BE_SENT_TO_A_FUND", "allocation money leaves only to its target fund");
        BusinessRuleViolation.require(command.paymentReference() != null && !command.paymentReference().isBlank(),
                "PAYMENT_REFERENCE_REQUIRED", "a disbursement needs the bank's payment reference");
        BusinessRuleViolation.require(command.paidOn() != null, "PAID_ON_REQUIRED", "paidOn is required");
        apply(new ReservationDisbursed(fundId, orgId, reservation.reservationId(), reservation.amountFen(),
                reservation.purpose(), reservation.reference(), command.paymentReference(), command.paidOn()));
        return command.reservationId();
    }

    @CommandHandler
    public String handle(ReleaseReservation command) {
        Reservation reservation = existing(command.reservationId());
        if (reservation.status() == Reservation.Status.RELEASED) {
            return command.reservationId();
        }
        requireHeld(reservation);
        apply(new ReservationReleased(fundId, orgId, reservation.reservationId(), reservation.amountFen(),
                reservation.purpose(), reservation.reference(), command.reason()));
        return command.reservationId();
    }

    @CommandHandler
    public String handle(ReturnPayment command) {
        Reservation reservation = existing(command.reservationId());
        if (reservation.status() == Reservation.Status.RETURNED) {
            return command.reservationId();
        }
        BusinessRuleViolation.require(reservation.status() == Reservation.Status.DISBURSED,
                "PAYMENT_MUST_BE_DISBURSED", "only a disbursed payment can be returned");
        BusinessRuleViolation.require(command.returnedOn() != null, "RETURNED_ON_REQUIRED", "returnedOn is required");
        apply(new PaymentReturned(fundId, orgId, reservation.reservationId(), reservation.amountFen(),
                reservation.purpose(), reservation.reference(), command.bankReference(), command.returnedOn()));
        return command.reservationId();
    }

    @CommandHandler
    public String handle(AcceptAllocation command) {
        Ids.requireValid("allocationId", command.allocationId());
        Ids.requireValid("sourceFundId", command.sourceFundId());
        Money amount = Money.positiveAmount(command.amountFen());
        BusinessRuleViolation.require(!command.sourceFundId().equals(fundId), "ALLOCATION_FUNDS_MUST_DIFFER",
                "a fund cannot allocate to itself");
        IncomingAllocation earlier = incoming.get(command.allocationId());
        if (earlier != null) {
            BusinessRuleViolation.require(earlier.amountFen() == amount.fen()
                            && earlier.sourceFundId().equals(command.sourceFundId()), "ALLOCATION_ID_REUSED",
                    "allocation " + command.allocationId() + " was accepted from another fund or for another amount");
            return command.allocationId();
        }
        account.checkCanReceive(amount.plus(pendingIncoming()));
        apply(new AllocationAccepted(fundId, orgId, command.allocationId(), command.sourceFundId(),
                command.sourceOrgId(), amount.fen()));
        return command.allocationId();
    }

    @CommandHandler
    public String handle(ConfirmAllocationSent command) {
        Reservation reservation = existing(command.allocationId());
        if (reservation.status() == Reservation.Status.SENT) {
            return command.allocationId();
        }
        requireHeld(reservation);
        BusinessRuleViolation.require(reservation.purpose() == ReservationPurpose.ALLOCATION,
                "RESERVATION_MUST_BE_FOR_ALLOCATION", "reservation " + reservation.reservationId()
                        + " holds money for " + reservation.purpose() + ", not for an allocation");
        BusinessRuleViolation.require(reservation.reference().equals(command.targetFundId()),
                "ALLOCATION_TARGET_MUST_MATCH", "allocation " + reservation.reservationId() + " is for fund "
                        + reservation.reference() + ", not " + command.targetFundId());
        apply(new AllocationSent(fundId, orgId, reservation.reservationId(), reservation.amountFen(),
                command.targetFundId(), command.targetOrgId()));
        return command.allocationId();
    }

    @CommandHandler
    public String handle(SettleAllocation command) {
        IncomingAllocation allocation = command.allocationId() == null ? null : incoming.get(command.allocationId());
        BusinessRuleViolation.require(allocation != null, "ALLOCATION_MUST_BE_ACCEPTED",
                "fund " + fundId + " accepted no allocation " + command.allocationId());
        if (allocation.status() == IncomingAllocation.Status.RECEIVED) {
            return command.allocationId();
        }
        apply(new AllocationReceived(fundId, orgId, allocation.allocationId(), allocation.sourceFundId(),
                allocation.sourceOrgId(), allocation.amountFen()));
        return command.allocationId();
    }

    /**
     * The unused part of an allocation is what is left of it (amount less earlier clawbacks), but
     * never more than the fund's available balance: money spent or held for payouts is drawn down.
     */
    @CommandHandler
    public String handle(ClawBackAllocation command) {
        Ids.requireValid("clawbackId", command.clawbackId());
        IncomingAllocation allocation = command.allocationId() == null ? null : incoming.get(command.allocationId());
        BusinessRuleViolation.require(allocation != null && allocation.status() == IncomingAllocation.Status.RECEIVED,
                "ALLOCATION_MUST_BE_RECEIVED", "fund " + fundId + " has not received allocation "
                        + command.allocationId());
        if (allocation.clawbackId() != null) {
            BusinessRuleViolation.require(allocation.clawbackId().equals(command.clawbackId()),
                    "ALLOCATION_CLAWED_BACK_ONCE", "allocation " + allocation.allocationId()
                            + " was already clawed back by " + allocation.clawbackId());
            return command.clawbackId();
        }
        BusinessRuleViolation.require(!reservations.containsKey(command.clawbackId())
                && !incoming.containsKey(command.clawbackId()), "CLAWBACK_ID_REUSED",
                "id " + command.clawbackId() + " is already used in fund " + fundId);
        BusinessRuleViolation.require(command.amountFen() >= 0, "AMOUNT_MUST_BE_POSITIVE",
                "amountFen must not be negative");
        Money left = Money.ofFen(allocation.amountFen() - allocation.clawedBackFen());
        Money unused = account.available().isAtLeast(left) ? left : account.available();
        BusinessRuleViolation.require(unused.isPositive(), "ALLOCATION_MUST_HAVE_UNUSED_MONEY",
                "allocation " + allocation.allocationId() + " has been drawn down completely");
        Money amount = command.amountFen() == 0 ? unused : Money.positiveAmount(command.amountFen());
        BusinessRuleViolation.require(unused.isAtLeast(amount), "CLAWBACK_MUST_NOT_EXCEED_UNUSED_ALLOCATION",
                "only " + unused + " of allocation " + allocation.allocationId() + " is unused");
        apply(new AllocationClawbackStarted(fundId, orgId, allocation.allocationId(), command.clawbackId(),
                amount.fen(), allocation.sourceFundId(), allocation.sourceOrgId(), command.reason()));
        apply(new FundsReserved(fundId, orgId, command.clawbackId(), amount.fen(), ReservationPurpose.ALLOCATION,
                allocation.sourceFundId()));
        return command.clawbackId();
    }

    private Money pendingIncoming() {
        return incoming.values().stream().filter(a -> a.status() == IncomingAllocation.Status.PENDING)
                .map(a -> Money.ofFen(a.amountFen())).reduce(Money.ZERO, Money::plus);
    }

    private Reservation existing(String reservationId) {
        Reservation reservation = reservationId == null ? null : reservations.get(reservationId);
        BusinessRuleViolation.require(reservation != null, "RESERVATION_MUST_EXIST",
                "fund " + fundId + " holds no reservation " + reservationId);
        return reservation;
    }

    private static void requireHeld(Reservation reservation) {
        BusinessRuleViolation.require(reservation.status() == Reservation.Status.HELD, "RESERVATION_MUST_BE_HELD",
                "reservation " + reservation.reservationId() + " is already " + reservation.status());
    }

    @EventSourcingHandler
    void on(FundOpened event) {
        fundId = event.fundId();
        orgId = event.orgId();
    }

    @EventSourcingHandler
    void on(ContributionRecorded event) {
        account.receive(Money.ofFen(event.amountFen()));
    }

    @EventSourcingHandler
    void on(FundsReserved event) {
        account.reserve(event.reservationId(), Money.ofFen(event.amountFen()));
        reservations.put(event.reservationId(), new Reservation(event.reservationId(), event.amountFen(),
                event.purpose(), event.reference(), Reservation.Status.HELD));
    }

    @EventSourcingHandler
    void on(ReservationDisbursed event) {
        account.disburse(event.reservationId());
        reservations.computeIfPresent(event.reservationId(), (id, r) -> r.withStatus(Reservation.Status.DISBURSED));
    }

    @EventSourcingHandler
    void on(ReservationReleased event) {
        account.release(event.reservationId());
        reservations.computeIfPresent(event.reservationId(), (id, r) -> r.withStatus(Reservation.Status.RELEASED));
        // A clawback the source refused: the allocation may be clawed back again.
        incoming.replaceAll((id, a) -> event.reservationId().equals(a.clawbackId()) ? a.withClawback(null, 0) : a);
    }

    @EventSourcingHandler
    void on(AllocationAccepted event) {
        incoming.put(event.allocationId(), new IncomingAllocation(event.allocationId(), event.sourceFundId(),
                event.sourceOrgId(), event.amountFen(), IncomingAllocation.Status.PENDING, null, 0));
    }

    @EventSourcingHandler
    void on(AllocationSent event) {
        account.disburse(event.allocationId());
        reservations.computeIfPresent(event.allocationId(), (id, r) -> r.withStatus(Reservation.Status.SENT));
    }

    @EventSourcingHandler
    void on(AllocationReceived event) {
        account.receive(Money.ofFen(event.amountFen()));
        incoming.computeIfPresent(event.allocationId(), (id, a) -> a.received());
    }

    @EventSourcingHandler
    void on(AllocationClawbackStarted event) {
        incoming.computeIfPresent(event.allocationId(), (id, a) -> a.withClawback(event.clawbackId(),
                a.clawedBackFen() + event.amountFen()));
    }

    @EventSourcingHandler
    void on(PaymentReturned event) {
        account.restore(Money.ofFen(event.amountFen()));
        reservations.computeIfPresent(event.reservationId(), (id, r) -> r.withStatus(Reservation.Status.RETURNED));
    }
}
