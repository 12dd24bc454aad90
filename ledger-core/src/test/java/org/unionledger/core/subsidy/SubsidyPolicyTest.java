package org.unionledger.core.subsidy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.FundCommands.DisburseReservation;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.metadata.LedgerMetadata;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.core.subsidy.SubsidyCommands.MarkGrantAwaitingFunds;
import org.unionledger.core.subsidy.SubsidyCommands.RecordProgramFunding;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyGranted;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyPaid;

/** The subsidy program's money moves: funding into budget, grants into reservations, payments out. */
class SubsidyPolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    private static final String PROGRAM_FUND = SubsidyProgram.fundIdOf("prog-1");

    private final List<CommandMessage<?>> sent = new ArrayList<>();
    private final Set<Class<?>> refused = new HashSet<>();
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private RuntimeException outage;
    private SubsidyPolicy policy;

    @BeforeEach
    void setUp() {
        for (Class<?> type : List.of(RecordProgramFunding.class, ReserveFunds.class, DisburseReservation.class,
                MarkGrantAwaitingFunds.class)) {
            bus.subscribe(type.getName(), command -> {
                if (outage != null) {
                    throw outage;
                }
                if (refused.contains(type)) {
                    throw new BusinessRuleViolation("BALANCE_MUST_COVER_RESERVATION", "available 10.00 CNY");
                }
                sent.add(command);
                return null;
            });
        }
        policy = new SubsidyPolicy(DefaultCommandGateway.builder().commandBus(bus).build());
    }

    private static EventMessage<?> message(Object event) {
        return GenericEventMessage.asEventMessage(event);
    }

    private static SubsidyGranted granted() {
        return new SubsidyGranted("prog-1", "city", "app-1", "grant-1", "m-1", "district-1", 30_000, PROGRAM_FUND,
                "officer", 30_000, 100_000);
    }

    private List<Object> payloads() {
        return sent.stream().<Object>map(CommandMessage::getPayload).toList();
    }

    @Test
    void aContributionToAProgramFundBecomesBudgetFromItsPayersSource() {
        var contribution = new ContributionRecorded(PROGRAM_FUND, "city", "c-1", 50_000, PayerType.EMPLOYER,
                "payroll", TODAY, null, "REF-1");

        policy.on(contribution, message(contribution));

        assertThat(payloads(), contains(new RecordProgramFunding("prog-1", "contribution:c-1",
                FundingSource.ENTERPRISE, 50_000)));
        assertThat(sent.get(0).getMetaData().get(LedgerMetadata.IDEMPOTENCY_KEY),
                equalTo("RecordProgramFunding:prog-1:contribution:c-1"));
    }

    /** Through Axon's own dispatch of the policy's handlers, as its processor calls them. */
    private void dispatch(EventMessage<?> message) throws Exception {
        new AnnotationEventHandlerAdapter(policy).handle(message);
    }

    @Test
    void aStoredContributionToAProgramFundBecomesBudgetThroughAxonsDispatch() throws Exception {
        var contribution = new ContributionRecorded(PROGRAM_FUND, "city", "c-2", 20_000, PayerType.MEMBER,
                "online", TODAY, null, "REF-2");

        dispatch(new GenericDomainEventMessage<>("Fund", PROGRAM_FUND, 4, contribution));

        assertThat(payloads(), contains(new RecordProgramFunding("prog-1", "contribution:c-2",
                FundingSource.OTHER, 20_000)));
    }

    @Test
    void aStoredContributionToAnyOtherFundIsSkippedWithoutReadingItsPayload() throws Exception {
        var contribution = new ContributionRecorded("city-general", "city", "c-3", 20_000, PayerType.MEMBER,
                "online", TODAY, null, "REF-3");
        var unread = new GenericDomainEventMessage<>("Fund", "city-general", 4, contribution) {
            @Override
            public ContributionRecorded getPayload() {
                throw new AssertionError("the payload of another fund's contribution was read");
            }
        };

        dispatch(unread);

        assertThat(sent, empty());
    }

    @Test
    void anAllocationIntoAProgramFundIsUnionMoney() {
        var allocation = new AllocationReceived(PROGRAM_FUND, "city", "a-1", "city-general", "city", 70_000);

        policy.on(allocation, message(allocation));

        assertThat(payloads(), contains(new RecordProgramFunding("prog-1", "allocation:a-1", FundingSource.UNION,
                70_000)));
    }

    @Test
    void moneyIntoAnyOtherFundIsNoProgramsBudget() {
        var contribution = new ContributionRecorded("pool-fund", "city", "c-1", 50_000, PayerType.MEMBER, "online",
                TODAY, null, "REF-1");
        var allocation = new AllocationReceived("district-1-general", "district-1", "a-1", "city-general", "city",
                70_000);

        policy.on(contribution, message(contribution));
        policy.on(allocation, message(allocation));

        assertThat(sent, empty());
    }

    @Test
    void fundingTheProgramRefusesIsLeftInTheFundWithoutStoppingTheProcessor() {
        refused.add(RecordProgramFunding.class);
        var contribution = new ContributionRecorded(PROGRAM_FUND, "city", "c-1", 50_000, PayerType.MEMBER, "online",
                TODAY, null, "REF-1");

        policy.on(contribution, message(contribution));

        assertThat(sent, empty());
    }

    @Test
    void aGrantReservesItsAmountUnderTheGrantsId() {
        policy.on(granted(), message(granted()));

        assertThat(payloads(), contains(new ReserveFunds(PROGRAM_FUND, "grant-1", 30_000,
                ReservationPurpose.SUBSIDY_GRANT, "prog-1")));
        assertThat(sent.get(0).getMetaData().get(LedgerMetadata.IDEMPOTENCY_KEY),
                equalTo("ReserveFunds:" + PROGRAM_FUND + ":grant-1"));
    }

    @Test
    void aGrantTheFundCannotCoverWaitsForFundsWithTheFundsReason() {
        refused.add(ReserveFunds.class);

        policy.on(granted(), message(granted()));

        assertThat(payloads(), contains(new MarkGrantAwaitingFunds("prog-1", "app-1",
                "BALANCE_MUST_COVER_RESERVATION")));
    }

    @Test
    void aPaidGrantDisbursesItsReservationWithThePaymentReference() {
        var paid = new SubsidyPaid("prog-1", "city", "app-1", "grant-1", "m-1", "district-1", 30_000, PROGRAM_FUND,
                PaymentMethod.VOUCHER, "V-77", TODAY);

        policy.on(paid, message(paid));

        assertThat(payloads(), contains(new DisburseReservation(PROGRAM_FUND, "grant-1", "VOUCHER:V-77", TODAY)));
    }

    @Test
    void aFailureThatIsNoRuleIsThrownSoTheProcessorRetriesTheEvent() {
        outage = new IllegalStateException("database down");

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> policy.on(granted(), message(granted())));

        assertThat(rootOf(thrown), sameInstance(outage));
        assertThat(sent, empty());
    }

    private static Throwable rootOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
