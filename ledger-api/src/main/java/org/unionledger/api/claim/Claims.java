package org.unionledger.api.claim;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.queryhandling.QueryGateway;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.unionledger.api.idempotency.CorrelationIds;
import org.unionledger.api.pool.AtomicCommands;
import org.unionledger.api.security.CurrentActor;
import org.unionledger.api.security.ScopeGuard;
import org.unionledger.api.web.NotFound;
import org.unionledger.core.claim.BenefitRule;
import org.unionledger.core.claim.ClaimCommands.ApprovalOutcome;
import org.unionledger.core.claim.ClaimCommands.ApproveClaim;
import org.unionledger.core.claim.ClaimCommands.CancelClaim;
import org.unionledger.core.claim.ClaimCommands.CancellationOutcome;
import org.unionledger.core.claim.ClaimCommands.MarkClaimAwaitingFunds;
import org.unionledger.core.claim.ClaimCommands.MarkClaimPayoutReserved;
import org.unionledger.core.claim.ClaimCommands.PayoutHold;
import org.unionledger.core.claim.ClaimCommands.RecordClaimPayment;
import org.unionledger.core.claim.ClaimCommands.RecordClaimPaymentReturned;
import org.unionledger.core.claim.ClaimCommands.RegisterClaimKey;
import org.unionledger.core.claim.ClaimCommands.SubmitClaim;
import org.unionledger.core.claim.ClaimCosts;
import org.unionledger.core.claim.ClaimDocument;
import org.unionledger.core.claim.ClaimIds;
import org.unionledger.core.fund.FundCommands.DisburseReservation;
import org.unionledger.core.fund.FundCommands.ReleaseReservation;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.FundCommands.ReturnPayment;
import org.unionledger.core.fund.ReservationPurpose;
import org.unionledger.core.metadata.LedgerMetadata;
import org.unionledger.core.pool.CoverageCommands.CheckClaimEligibility;
import org.unionledger.core.pool.CoverageCommands.ClaimEligibility;
import org.unionledger.core.pool.CoverageCommands.ConsumeBenefit;
import org.unionledger.core.pool.CoverageCommands.RestoreBenefit;
import org.unionledger.core.pool.CoverageEvents.CoverageEnrolled;
import org.unionledger.core.pool.CoverageIds;
import org.unionledger.core.pool.Plan;
import org.unionledger.core.pool.PoolCatalogue;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.projections.pool.PoolQueries.PoolCatalogueQuery;

/**
 * The claim steps that touch several aggregates, each in ONE transaction (AtomicCommands): claim
 * commands first, then the coverage, then the pool's fund.
 */
@Component
class Claims {

    static final String BALANCE_MUST_COVER_RESERVATION = "BALANCE_MUST_COVER_RESERVATION";

    private final AtomicCommands atomic;
    private final QueryGateway queries;
    private final DSLContext db;
    private final EventStore eventStore;
    private final ScopeGuard scope;
    private final long secondApprovalAboveFen;

    Claims(AtomicCommands atomic, QueryGateway queries, DSLContext db, EventStore eventStore, ScopeGuard scope,
           @Value("${ledger.claims.second-approval-above-fen:500000}") long secondApprovalAboveFen) {
        this.atomic = atomic;
        this.queries = queries;
        this.db = db;
        this.eventStore = eventStore;
        this.scope = scope;
        this.secondApprovalAboveFen = secondApprovalAboveFen;
    }

    record Submission(String claimId, String poolId, String planCode, String periodId, String memberId,
                      LocalDate admissionDate, LocalDate dischargeDate, LocalDate dateOfBirth, ClaimCosts costs,
                      String invoiceNumber, List<ClaimDocument> documents) {
    }

    /** Eligibility, uniqueness keys and the claim, all or nothing. */
    void submit(Submission submission) {
        PoolCatalogue catalogue = queries.query(new PoolCatalogueQuery(submission.poolId()),
                ResponseTypes.instanceOf(PoolCatalogue.class)).join();
        if (catalogue == null) {
            throw new NotFound("POOL_MUST_EXIST", "no pool " + submission.poolId());
        }
        Plan plan = catalogue.plan(submission.planCode());
        catalogue.period(submission.periodId());
        ClaimIds.requireValidClaimId(submission.claimId());
        String coverageId = CoverageIds.of(catalogue.poolId(), plan.code(), submission.periodId(),
                submission.memberId());
        if (!scope.seesAll()) {
            // Before any coverage rule answers: outside the coverage's subtree the member does not exist (404).
            scope.requireMember(submission.memberId(), coverageOrg(coverageId));
        }
        BenefitRule rule = BenefitRule.of(plan);
        String invoiceKey = ClaimIds.invoiceKey(submission.invoiceNumber());
        String birthKey = rule.isFixed() && submission.dateOfBirth() != null
                ? ClaimIds.birthKey(submission.memberId(), submission.dateOfBirth()) : null;
        MetaData metadata = metadata();
        try {
            atomic.run(gateway -> {
                ClaimEligibility eligibility = send(gateway, new CheckClaimEligibility(coverageId,
                        submission.claimId(), submission.memberId(), rule.isFixed() ? submission.dateOfBirth()
                        : submission.admissionDate()), metadata);
                send(gateway, new SubmitClaim(submission.claimId(), catalogue.poolId(), catalogue.fundId(),
                        coverageId, submission.memberId(), eligibility.orgId(), plan.code(), submission.periodId(),
                        submission.admissionDate(), submission.dischargeDate(), submission.dateOfBirth(),
                        submission.costs(), submission.invoiceNumber(), submission.documents(), rule,
                        eligibility.remainingCapFen()), metadata);
                send(gateway, new RegisterClaimKey(invoiceKey, submission.claimId()), metadata);
                if (birthKey != null) {
                    send(gateway, new RegisterClaimKey(birthKey, submission.claimId()), metadata);
                }
                return null;
            });
        } catch (RuntimeException failure) {
            if (isCauseOf(failure, AggregateNotFoundException.class)) {
                throw new BusinessRuleViolation("MEMBER_MUST_BE_COVERED", "member " + submission.memberId()
                        + " has no coverage under " + plan.code() + " for period " + submission.periodId());
            }
            // A duplicate key at commit arrives as AggregateStreamCreationException or, from a JDBC batch,
            // as an EventStoreException naming the first aggregate of the batch: look up which key exists.
            if (!isCauseOf(failure, AggregateStreamCreationException.class)
                    && !isCauseOf(failure, EventStoreException.class)) {
                throw failure;
            }
            if (exists(submission.claimId())) {
                throw new BusinessRuleViolation("CLAIM_ID_MUST_BE_UNIQUE", "claim " + submission.claimId()
                        + " already exists");
            }
            if (exists(invoiceKey)) {
                throw new BusinessRuleViolation("INVOICE_MUST_NOT_BE_CLAIMED_TWICE", "invoice "
                        + submission.invoiceNumber() + " was already claimed");
            }
            if (birthKey != null && exists(birthKey)) {
                throw new BusinessRuleViolation("ONE_MATERNITY_BENEFIT_PER_BIRTH", "a maternity benefit for this "
                        + "birth was already claimed");
            }
            throw failure;
        }
    }

    /**
     * An approval. A final one consumes the member's cap and holds the payout on the pool's fund in
     * the same transaction; if the pool cannot cover it, the approval is recorded with the claim
     * waiting for funds instead (the fund is never overdrawn).
     */
    ApprovalOutcome approve(String claimId, Long amountFen, String reason) {
        MetaData metadata = metadata();
        ApproveClaim approve = new ApproveClaim(claimId, amountFen, reason, secondApprovalAboveFen);
        try {
            return atomic.run(gateway -> {
                ApprovalOutcome outcome = send(gateway, approve, metadata);
                if (outcome.finalApproval()) {
                    PayoutHold hold = send(gateway, new MarkClaimPayoutReserved(claimId), metadata);
                    send(gateway, new ConsumeBenefit(outcome.coverageId(), claimId, outcome.approvedFen()), metadata);
                    reserve(gateway, hold, claimId, metadata);
                }
                return outcome;
            });
        } catch (RuntimeException failure) {
            if (!BALANCE_MUST_COVER_RESERVATION.equals(ruleCode(failure))) {
                throw failure;
            }
        }
        return atomic.run(gateway -> {
            ApprovalOutcome outcome = send(gateway, approve, metadata);
            send(gateway, new MarkClaimAwaitingFunds(claimId, BALANCE_MUST_COVER_RESERVATION), metadata);
            send(gateway, new ConsumeBenefit(outcome.coverageId(), claimId, outcome.approvedFen()), metadata);
            return outcome;
        });
    }

    /** Holds the payout of a claim waiting for funds; refused with BALANCE_MUST_COVER_RESERVATION if still short. */
    void reservePayout(String claimId) {
        MetaData metadata = metadata();
        atomic.run(gateway -> {
            PayoutHold hold = send(gateway, new MarkClaimPayoutReserved(claimId), metadata);
            reserve(gateway, hold, claimId, metadata);
            return null;
        });
    }

    void pay(String claimId, String paymentReference, LocalDate paidOn) {
        MetaData metadata = metadata();
        atomic.run(gateway -> {
            PayoutHold hold = send(gateway, new RecordClaimPayment(claimId, paymentReference, paidOn), metadata);
            send(gateway, new DisburseReservation(hold.fundId(), hold.reservationId(), paymentReference, paidOn),
                    metadata);
            return null;
        });
    }

    /**
     * The bank returned the payment: the money is back on the pool's fund and, in the same
     * transaction, held again under the next reservation id ("claim:{id}:2") for a new payment. The
     * returned amount is back in the available balance, so this reservation always fits.
     */
    void paymentReturned(String claimId, String bankReference, LocalDate returnedOn) {
        MetaData metadata = metadata();
        atomic.run(gateway -> {
            String returned = send(gateway, new RecordClaimPaymentReturned(claimId, bankReference, returnedOn),
                    metadata);
            PayoutHold next = send(gateway, new MarkClaimPayoutReserved(claimId), metadata);
            send(gateway, new ReturnPayment(next.fundId(), returned, bankReference, returnedOn), metadata);
            reserve(gateway, next, claimId, metadata);
            return null;
        });
    }

    void cancel(String claimId, String reason) {
        MetaData metadata = metadata();
        atomic.run(gateway -> {
            CancellationOutcome outcome = send(gateway, new CancelClaim(claimId, reason), metadata);
            if (outcome.benefitToRestore()) {
                send(gateway, new RestoreBenefit(outcome.coverageId(), claimId), metadata);
            }
            if (outcome.reservationIdToRelease() != null) {
                send(gateway, new ReleaseReservation(outcome.fundId(), outcome.reservationIdToRelease(),
                        "claim cancelled"), metadata);
            }
            return null;
        });
    }

    private static void reserve(CommandGateway gateway, PayoutHold hold, String claimId, MetaData metadata) {
        if (hold != null) {
            send(gateway, new ReserveFunds(hold.fundId(), hold.reservationId(), hold.amountFen(),
                    ReservationPurpose.CLAIM_PAYOUT, claimId), metadata);
        }
    }

    private static <R> R send(CommandGateway gateway, Object command, MetaData metadata) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata));
    }

    static MetaData metadata() {
        Map<String, Object> metadata = new HashMap<>(CurrentActor.get().asMetadata());
        CorrelationIds.current().ifPresent(id -> metadata.put(LedgerMetadata.CORRELATION_ID, id));
        return MetaData.from(metadata);
    }

    /**
     * The organisation a coverage was enrolled under (the claim's organisation), from its first event:
     * the event store, not a read model, so a member enrolled a moment ago can claim. Null if unknown.
     */
    private String coverageOrg(String coverageId) {
        DomainEventStream events = eventStore.readEvents(coverageId, 0);
        return events.hasNext() && events.next().getPayload() instanceof CoverageEnrolled enrolled
                ? enrolled.orgId() : null;
    }

    private boolean exists(String aggregateId) {
        return db.fetchExists(db.selectOne().from(table("domainevententry"))
                .where(field("aggregateidentifier", String.class).eq(aggregateId))
                .and(field("sequencenumber", Long.class).eq(0L)));
    }

    static boolean isCauseOf(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    static String ruleCode(Throwable failure) {
        List<Throwable> seen = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !seen.contains(cause); cause = cause.getCause()) {
            seen.add(cause);
            if (cause instanceof BusinessRuleViolation violation) {
                return violation.code();
            }
        }
        return null;
    }
}
