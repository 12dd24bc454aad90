package org.unionledger.core.hardship;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.hardship.HardshipCommands.MarkGrantAwaitingFunds;
import org.unionledger.core.hardship.HardshipCommands.RecordGrantPaid;
import org.unionledger.core.hardship.HardshipCommands.RecordGrantReserved;
import org.unionledger.core.hardship.HardshipEvents.GrantApproved;
import org.unionledger.core.hardship.HardshipEvents.GrantReservationRetried;
import org.unionledger.core.metadata.KeyedCommands;
import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * The process manager between hardship cases and the hardship fund. Stateless: every command it
 * sends has a deterministic id and idempotency key, so a redelivered event changes nothing.
 * <ul>
 *   <li>grant approved (or retried) -> reserve its money on the fund; if the fund refuses, the case
 *       records the grant as awaiting funds instead of the policy failing forever;</li>
 *   <li>fund reserved / disbursed money for a hardship grant -> the case records it reserved / paid.</li>
 * </ul>
 */
public class HardshipGrantPolicy {

    public static final String PROCESSING_GROUP = "hardship_policy";

    private final CommandGateway commands;

    public HardshipGrantPolicy(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(GrantApproved event, @MessageIdentifier String eventId) {
        reserve(event.caseId(), event.grantId(), event.fundId(), event.reservationId(), event.amountFen(),
                event.reference(), eventId);
    }

    @EventHandler
    void on(GrantReservationRetried event, @MessageIdentifier String eventId) {
        reserve(event.caseId(), event.grantId(), event.fundId(), event.reservationId(), event.amountFen(),
                event.reference(), eventId);
    }

    @EventHandler
    void on(FundsReserved event) {
        String[] caseAndGrant = hardshipGrant(event.purpose(), event.reference());
        if (caseAndGrant != null) {
            commands.sendAndWait(KeyedCommands.withKey(
                    new RecordGrantReserved(caseAndGrant[0], caseAndGrant[1], event.fundId(), event.reservationId()),
                    "RecordGrantReserved:" + event.reservationId()));
        }
    }

    @EventHandler
    void on(ReservationDisbursed event) {
        String[] caseAndGrant = hardshipGrant(event.purpose(), event.reference());
        if (caseAndGrant != null) {
            commands.sendAndWait(KeyedCommands.withKey(
                    new RecordGrantPaid(caseAndGrant[0], caseAndGrant[1], event.fundId(), event.paymentReference(),
                            event.paidOn()),
                    "RecordGrantPaid:" + event.reservationId()));
        }
    }

    private void reserve(String caseId, String grantId, String fundId, String reservationId, long amountFen,
                         String reference, String causingEventId) {
        try {
            commands.sendAndWait(KeyedCommands.withKey(
                    new ReserveFunds(fundId, reservationId, amountFen, ReservationPurpose.HARDSHIP_GRANT, reference),
                    "ReserveFunds:" + fundId + ":" + reservationId));
        } catch (RuntimeException refused) {
            String code = refusalCode(refused);
            if (code == null) {
                throw refused;
            }
            // Keyed by the event that asked for the money: each attempt (approval, retry) may find
            // the fund short, while a redelivery of the same event records nothing twice.
            commands.sendAndWait(KeyedCommands.withKey(
                    new MarkGrantAwaitingFunds(caseId, grantId, code, refused.getMessage()),
                    "MarkGrantAwaitingFunds:" + causingEventId));
        }
    }

    /** The rule the fund's refusal names, or null when the failure was not a refusal (then it is retried). */
    static String refusalCode(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BusinessRuleViolation violation) {
                return violation.code();
            }
            if (cause instanceof AggregateNotFoundException) {
                return "FUND_MUST_EXIST";
            }
            if (cause instanceof CommandExecutionException execution
                    && execution.getDetails().orElse(null) instanceof java.util.Map<?, ?> details
                    && details.get("code") instanceof String code) {
                return code;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static String[] hardshipGrant(ReservationPurpose purpose, String reference) {
        return purpose == ReservationPurpose.HARDSHIP_GRANT ? HardshipGrants.caseAndGrant(reference) : null;
    }
}
