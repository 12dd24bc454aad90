package org.unionledger.core.fund;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
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
    }

    @EventSourcingHandler
    void on(PaymentReturned event) {
        account.restore(Money.ofFen(event.amountFen()));
        reservations.computeIfPresent(event.reservationId(), (id, r) -> r.withStatus(Reservation.Status.RETURNED));
    }
}
