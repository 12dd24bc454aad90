package org.unionledger.core.hardship;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundEvents.ReservationDisbursed;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.hardship.HardshipCommands.MarkGrantAwaitingFunds;
import org.unionledger.core.hardship.HardshipCommands.RecordGrantPaid;
import org.unionledger.core.hardship.HardshipCommands.RecordGrantReserved;
import org.unionledger.core.hardship.HardshipEvents.GrantApproved;
import org.unionledger.core.metadata.LedgerMetadata;
import org.unionledger.core.rule.BusinessRuleViolation;

class HardshipGrantPolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    private final List<CommandMessage<?>> sent = new ArrayList<>();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private boolean fundIsShort;
    private HardshipGrantPolicy policy;

    @BeforeEach
    void setUp() {
        bus.subscribe(ReserveFunds.class.getName(), command -> {
            if (fundIsShort) {
                throw new BusinessRuleViolation("BALANCE_MUST_COVER_RESERVATION", "available 10.00 CNY");
            }
            sent.add(command);
            return null;
        });
        for (Class<?> type : List.of(MarkGrantAwaitingFunds.class, RecordGrantReserved.class, RecordGrantPaid.class)) {
            bus.subscribe(type.getName(), command -> {
                sent.add(command);
                return null;
            });
        }
        policy = new HardshipGrantPolicy(DefaultCommandGateway.builder().commandBus(bus).build());
    }

    private static GrantApproved approved() {
        return new GrantApproved("hh-1", "city", "g-1", "fund-h", AssistanceType.MEDICAL_AID, 80_000, 2026,
                "hardship-grant:hh-1:g-1", "hh-1/g-1", "caseworker2", TODAY);
    }

    @Test
    void anApprovedGrantReservesItsMoneyOnTheFund() {
        policy.on(approved(), "event-1");

        assertThat(sent.get(0).getPayload(), equalTo(new ReserveFunds("fund-h", "hardship-grant:hh-1:g-1", 80_000,
                ReservationPurpose.HARDSHIP_GRANT, "hh-1/g-1")));
        assertThat(sent.get(0).getMetaData().get(LedgerMetadata.IDEMPOTENCY_KEY),
                equalTo("ReserveFunds:fund-h:hardship-grant:hh-1:g-1"));
    }

    @Test
    void aFundThatCannotCoverTheGrantMarksItAwaitingFunds() {
        fundIsShort = true;

        policy.on(approved(), "event-1");

        assertThat(sent.get(0).getPayload(), equalTo(new MarkGrantAwaitingFunds("hh-1", "g-1",
                "BALANCE_MUST_COVER_RESERVATION", "available 10.00 CNY")));
        assertThat(sent.get(0).getMetaData().get(LedgerMetadata.IDEMPOTENCY_KEY),
                equalTo("MarkGrantAwaitingFunds:event-1"));
    }

    @Test
    void theCaseRecordsReservationAndPaymentOfItsGrant() {
        policy.on(new FundsReserved("fund-h", "city", "hardship-grant:hh-1:g-1", 80_000,
                ReservationPurpose.HARDSHIP_GRANT, "hh-1/g-1"));
        policy.on(new ReservationDisbursed("fund-h", "city", "hardship-grant:hh-1:g-1", 80_000,
                ReservationPurpose.HARDSHIP_GRANT, "hh-1/g-1", "BANK-1", TODAY));

        assertThat(sent.stream().map(CommandMessage::getPayload).toList(), contains(
                new RecordGrantReserved("hh-1", "g-1", "fund-h", "hardship-grant:hh-1:g-1"),
                new RecordGrantPaid("hh-1", "g-1", "fund-h", "BANK-1", TODAY)));
    }

    @Test
    void ignoresMoneyMovedForOtherPurposes() {
        policy.on(new ReservationDisbursed("fund-p", "city", "r-1", 80_000, ReservationPurpose.CLAIM_PAYOUT,
                "claim-1", "BANK-1", TODAY));
        policy.on(new FundsReserved("fund-h", "city", "r-2", 80_000, ReservationPurpose.HARDSHIP_GRANT, "not-a-grant"));

        assertThat(sent, empty());
    }
}
