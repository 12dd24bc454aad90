package org.unionledger.core.allocation;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.unionledger.core.fund.FundCommands.AcceptAllocation;
import org.unionledger.core.fund.FundCommands.ConfirmAllocationSent;
import org.unionledger.core.fund.FundCommands.ReleaseReservation;
import org.unionledger.core.fund.FundCommands.SettleAllocation;
import org.unionledger.core.fund.FundEvents.AllocationAccepted;
import org.unionledger.core.fund.FundEvents.AllocationSent;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.metadata.PolicyMessages;

/**
 * Carries an allocation from one fund to another, in four steps across the two fund aggregates.
 * The allocation id is the source's reservation id and the target's incoming id, so every step
 * is idempotent and a redelivered event changes nothing:
 * <ol>
 *   <li>source: FundsReserved (purpose ALLOCATION, reference = target fund): money still counted in
 *       the source, as reserved. Sent by the API (POST /allocations) or by a clawback;</li>
 *   <li>target: AcceptAllocation: pending incoming, not yet the target's. If the target refuses
 *       (unknown fund, rule broken), the source's reservation is released: the compensation;</li>
 *   <li>source: ConfirmAllocationSent: reserved becomes out (the journal moves the money to the
 *       target's Assets:&lt;target&gt;:Allocations:InTransit account here);</li>
 *   <li>target: SettleAllocation: pending becomes available and in (the journal moves it from in
 *       transit to the target's cash).</li>
 * </ol>
 * At every event exactly one fund's books own the money.
 */
public class AllocationPolicy {

    public static final String PROCESSING_GROUP = "allocation_policy";

    private final CommandGateway commands;

    public AllocationPolicy(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(FundsReserved event, EventMessage<?> message) {
        if (event.purpose() != ReservationPurpose.ALLOCATION) {
            return;
        }
        var accept = new AcceptAllocation(event.reference(), event.reservationId(), event.fundId(), event.orgId(),
                event.amountFen());
        try {
            commands.sendAndWait(PolicyMessages.caused(accept,
                    "AcceptAllocation:" + event.reference() + ":" + event.reservationId(), message, PROCESSING_GROUP));
        } catch (RuntimeException failure) {
            String code = PolicyMessages.refusalCode(failure).orElseThrow(() -> failure);
            var release = new ReleaseReservation(event.fundId(), event.reservationId(), "target refused: " + code);
            commands.sendAndWait(PolicyMessages.caused(release,
                    "ReleaseReservation:" + event.fundId() + ":" + event.reservationId(), message, PROCESSING_GROUP));
        }
    }

    @EventHandler
    void on(AllocationAccepted event, EventMessage<?> message) {
        var confirm = new ConfirmAllocationSent(event.sourceFundId(), event.allocationId(), event.fundId(),
                event.orgId());
        commands.sendAndWait(PolicyMessages.caused(confirm,
                "ConfirmAllocationSent:" + event.sourceFundId() + ":" + event.allocationId(), message,
                PROCESSING_GROUP));
    }

    @EventHandler
    void on(AllocationSent event, EventMessage<?> message) {
        var settle = new SettleAllocation(event.targetFundId(), event.allocationId());
        commands.sendAndWait(PolicyMessages.caused(settle,
                "SettleAllocation:" + event.targetFundId() + ":" + event.allocationId(), message, PROCESSING_GROUP));
    }
}
