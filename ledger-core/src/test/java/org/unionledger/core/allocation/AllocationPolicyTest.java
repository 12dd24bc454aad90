package org.unionledger.core.allocation;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.FundCommands.AcceptAllocation;
import org.unionledger.core.fund.FundCommands.ConfirmAllocationSent;
import org.unionledger.core.fund.FundCommands.ReleaseReservation;
import org.unionledger.core.fund.FundCommands.SettleAllocation;
import org.unionledger.core.fund.FundEvents.AllocationAccepted;
import org.unionledger.core.fund.FundEvents.AllocationSent;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.rule.BusinessRuleViolation;

class AllocationPolicyTest {

    private RecordingCommandBus bus;
    private AllocationPolicy policy;

    @BeforeEach
    void setUp() {
        bus = new RecordingCommandBus();
        policy = new AllocationPolicy(DefaultCommandGateway.builder().commandBus(bus).build());
    }

    private List<Object> sent() {
        return bus.getDispatchedCommands().stream().map(CommandMessage::getPayload).map(Object.class::cast).toList();
    }

    private static FundsReserved reservation(ReservationPurpose purpose) {
        return new FundsReserved("city-general", "city", "a-1", 6_000, purpose, "district-general");
    }

    @Test
    void anAllocationReservationAsksTheTargetToAccept() {
        var event = reservation(ReservationPurpose.ALLOCATION);
        policy.on(event, GenericEventMessage.asEventMessage(event));

        assertThat(sent(), contains(new AcceptAllocation("district-general", "a-1", "city-general", "city", 6_000)));
        assertThat(bus.getDispatchedCommands().get(0).getMetaData().get("idempotencyKey"),
                equalTo("AcceptAllocation:district-general:a-1"));
    }

    @Test
    void otherReservationsAreNoAllocations() {
        var event = reservation(ReservationPurpose.CLAIM_PAYOUT);
        policy.on(event, GenericEventMessage.asEventMessage(event));

        assertThat(sent(), empty());
    }

    @Test
    void aRefusingTargetReleasesTheSourceReservation() {
        bus.setCallbackBehavior((command, metaData) -> {
            if (command instanceof AcceptAllocation) {
                throw new BusinessRuleViolation("ALLOCATION_FUNDS_MUST_DIFFER", "refused");
            }
            return null;
        });
        var event = reservation(ReservationPurpose.ALLOCATION);
        policy.on(event, GenericEventMessage.asEventMessage(event));

        assertThat(sent().get(1), equalTo(new ReleaseReservation("city-general", "a-1",
                "target refused: ALLOCATION_FUNDS_MUST_DIFFER")));
    }

    @Test
    void anAcceptedAllocationIsSentThenSettled() {
        var accepted = new AllocationAccepted("district-general", "district-1", "a-1", "city-general", "city", 6_000);
        policy.on(accepted, GenericEventMessage.asEventMessage(accepted));
        var sentEvent = new AllocationSent("city-general", "city", "a-1", 6_000, "district-general", "district-1");
        policy.on(sentEvent, GenericEventMessage.asEventMessage(sentEvent));

        assertThat(sent(), contains(new ConfirmAllocationSent("city-general", "a-1", "district-general", "district-1"),
                new SettleAllocation("district-general", "a-1")));
    }
}
