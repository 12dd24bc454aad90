package org.unionledger.core.subsidy;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.unionledger.core.fund.FundCommands.DisburseReservation;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.FundEvents.AllocationReceived;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.metadata.PolicyMessages;
import org.unionledger.core.subsidy.SubsidyCommands.MarkGrantAwaitingFunds;
import org.unionledger.core.subsidy.SubsidyCommands.RecordProgramFunding;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyGranted;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyPaid;

/**
 * Moves a program's money: money received into a program's fund (a contribution by its payer
 * type, or an allocation from a union fund) becomes budget; an approved grant reserves its amount
 * in the fund (reservation id = grant id); a paid grant disburses that reservation.
 */
public class SubsidyPolicy {

    public static final String PROCESSING_GROUP = "subsidy_policy";
    private static final String FUND_PREFIX = SubsidyProgram.fundIdOf("");
    private static final System.Logger LOG = System.getLogger(SubsidyPolicy.class.getName());

    private final CommandGateway commands;

    public SubsidyPolicy(CommandGateway commands) {
        this.commands = commands;
    }

    /**
     * Every contribution of every fund comes here, and few are to a program's fund: a stored event
     * names its fund as its aggregate, so the others are skipped before their payload is read
     * (deserializing each one was about 5% of the JVM's work during a bulk import;
     * docs/PERFORMANCE.md, setting 26).
     */
    @EventHandler(payloadType = ContributionRecorded.class)
    void onContribution(EventMessage<?> message) {
        if (message instanceof DomainEventMessage<?> stored
                && !stored.getAggregateIdentifier().startsWith(FUND_PREFIX)) {
            return;
        }
        on((ContributionRecorded) message.getPayload(), message);
    }

    void on(ContributionRecorded event, EventMessage<?> message) {
        if (event.fundId().startsWith(FUND_PREFIX)) {
            fund(event.fundId(), "contribution:" + event.contributionId(), FundingSource.of(event.payerType()),
                    event.amountFen(), message);
        }
    }

    @EventHandler
    void on(AllocationReceived event, EventMessage<?> message) {
        if (event.fundId().startsWith(FUND_PREFIX)) {
            fund(event.fundId(), "allocation:" + event.allocationId(), FundingSource.UNION, event.amountFen(), message);
        }
    }

    private void fund(String fundId, String fundingId, FundingSource source, long amountFen, EventMessage<?> message) {
        String programId = fundId.substring(FUND_PREFIX.length());
        var record = new RecordProgramFunding(programId, fundingId, source, amountFen);
        try {
            commands.sendAndWait(PolicyMessages.caused(record, "RecordProgramFunding:" + programId + ":" + fundingId,
                    message, PROCESSING_GROUP));
        } catch (RuntimeException failure) {
            String code = PolicyMessages.refusalCode(failure).orElseThrow(() -> failure);
            LOG.log(System.Logger.Level.WARNING, "money in fund " + fundId + " is no program's budget: " + code);
        }
    }

    @EventHandler
    void on(SubsidyGranted event, EventMessage<?> message) {
        var reserve = new ReserveFunds(event.fundId(), event.grantId(), event.amountFen(),
                ReservationPurpose.SUBSIDY_GRANT, event.programId());
        try {
            commands.sendAndWait(PolicyMessages.caused(reserve, "ReserveFunds:" + event.fundId() + ":"
                    + event.grantId(), message, PROCESSING_GROUP));
        } catch (RuntimeException failure) {
            String code = PolicyMessages.refusalCode(failure).orElseThrow(() -> failure);
            commands.sendAndWait(PolicyMessages.caused(
                    new MarkGrantAwaitingFunds(event.programId(), event.applicationId(), code),
                    "MarkGrantAwaitingFunds:" + event.programId() + ":" + event.applicationId(), message,
                    PROCESSING_GROUP));
        }
    }

    @EventHandler
    void on(SubsidyPaid event, EventMessage<?> message) {
        var disburse = new DisburseReservation(event.fundId(), event.grantId(),
                event.method() + ":" + event.paymentReference(), event.paidOn());
        try {
            commands.sendAndWait(PolicyMessages.caused(disburse, "DisburseReservation:" + event.fundId() + ":"
                    + event.grantId(), message, PROCESSING_GROUP));
        } catch (RuntimeException failure) {
            String code = PolicyMessages.refusalCode(failure).orElseThrow(() -> failure);
            // The program only pays approved grants whose money is held, so this is a broken invariant.
            LOG.log(System.Logger.Level.ERROR, "grant " + event.grantId() + " was paid but its fund refused: " + code);
        }
    }
}
