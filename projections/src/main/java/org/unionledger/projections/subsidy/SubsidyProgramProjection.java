package org.unionledger.projections.subsidy;

import static org.unionledger.projections.jooq.Tables.ORG_TREE;
import static org.unionledger.projections.jooq.Tables.SUBSIDY_FUNDING;
import static org.unionledger.projections.jooq.Tables.SUBSIDY_GRANT;
import static org.unionledger.projections.jooq.Tables.SUBSIDY_PROGRAM;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.unionledger.core.subsidy.FundingSource;
import org.unionledger.core.subsidy.SubsidyEvents.GrantAwaitingFunds;
import org.unionledger.core.subsidy.SubsidyEvents.ProgramFundingRecorded;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyApplicationRejected;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyApplied;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyGranted;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyPaid;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyProgramLaunched;
import org.unionledger.projections.org.OrgTreeProjection;
import org.unionledger.projections.support.BatchedWrites;
import org.unionledger.projections.support.ProjectionGroups;
import org.unionledger.projections.support.Ratios;

/**
 * Subsidy programs: budget by source, applications, grants and payments, and the statistics over
 * them (utilisation, leverage). Program totals are idempotent through the program's last
 * sequence; funding and grant rows through their keys. Writes go out once per processor batch
 * ({@link BatchedWrites}): one statement at a time, they were a round trip each on the money
 * group's thread (docs/PERFORMANCE.md, setting 35).
 */
@Component
@ProcessingGroup(SubsidyProgramProjection.PROCESSING_GROUP)
public class SubsidyProgramProjection {

    public static final String PROCESSING_GROUP = ProjectionGroups.MONEY_AND_CASES;

    private final DSLContext db;

    public SubsidyProgramProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(SubsidyProgramLaunched event, @SequenceNumber long sequence, @Timestamp Instant at) {
        BatchedWrites.execute(db, db.insertInto(SUBSIDY_PROGRAM)
                .set(SUBSIDY_PROGRAM.PROGRAM_ID, event.programId())
                .set(SUBSIDY_PROGRAM.ORG_ID, event.orgId())
                .set(SUBSIDY_PROGRAM.NAME, event.name())
                .set(SUBSIDY_PROGRAM.FUND_ID, event.fundId())
                .set(SUBSIDY_PROGRAM.AMOUNT_RULE, event.amountRule().name())
                .set(SUBSIDY_PROGRAM.AMOUNT_PER_PERSON_FEN, event.amountPerPersonFen())
                .set(SUBSIDY_PROGRAM.CRITERIA, new TreeSet<>(event.criteria().stream().map(Enum::name).toList())
                        .stream().collect(Collectors.joining(",")))
                .set(SUBSIDY_PROGRAM.LAST_SEQUENCE, sequence)
                .set(SUBSIDY_PROGRAM.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                .onConflict(SUBSIDY_PROGRAM.PROGRAM_ID).doNothing());
    }

    @EventHandler
    void on(ProgramFundingRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        advance(event.programId(), sequence, at, new Totals(event.amountFen(), 0, 0, 0, 0, 0, 0));
        // Keyed by the funding: a funding applied before inserts nothing, as its totals add nothing.
        BatchedWrites.execute(db, db.insertInto(SUBSIDY_FUNDING)
                .set(SUBSIDY_FUNDING.PROGRAM_ID, event.programId())
                .set(SUBSIDY_FUNDING.FUNDING_ID, event.fundingId())
                .set(SUBSIDY_FUNDING.SOURCE, event.source().name())
                .set(SUBSIDY_FUNDING.AMOUNT_FEN, event.amountFen())
                .onConflictDoNothing());
    }

    @EventHandler
    void on(SubsidyApplied event, @SequenceNumber long sequence, @Timestamp Instant at) {
        advance(event.programId(), sequence, at, new Totals(0, 0, 0, 0, 0, 1, 0));
        BatchedWrites.execute(db, db.insertInto(SUBSIDY_GRANT)
                .set(SUBSIDY_GRANT.PROGRAM_ID, event.programId())
                .set(SUBSIDY_GRANT.APPLICATION_ID, event.applicationId())
                .set(SUBSIDY_GRANT.GRANT_ID, event.grantId())
                .set(SUBSIDY_GRANT.MEMBER_ID, event.memberId())
                .set(SUBSIDY_GRANT.MEMBER_ORG_ID, event.memberOrgId())
                .set(SUBSIDY_GRANT.AMOUNT_FEN, event.amountFen())
                .set(SUBSIDY_GRANT.STATUS, "APPLIED")
                .set(SUBSIDY_GRANT.APPLIED_BY, event.appliedBy())
                .onConflictDoNothing());
    }

    @EventHandler
    void on(SubsidyGranted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        advance(event.programId(), sequence, at,
                new Totals(0, event.amountFen(), 1, 0, 0, 0, 0));
        grant(event.programId(), event.applicationId(), "APPROVED", event.approvedBy());
    }

    @EventHandler
    void on(SubsidyApplicationRejected event, @SequenceNumber long sequence, @Timestamp Instant at) {
        advance(event.programId(), sequence, at, new Totals(0, 0, 0, 0, 0, 0, 1));
        grant(event.programId(), event.applicationId(), "REJECTED", event.rejectedBy());
    }

    @EventHandler
    void on(GrantAwaitingFunds event) {
        BatchedWrites.execute(db, db.update(SUBSIDY_GRANT).set(SUBSIDY_GRANT.STATUS, "AWAITING_FUNDS")
                .where(SUBSIDY_GRANT.PROGRAM_ID.eq(event.programId()))
                .and(SUBSIDY_GRANT.APPLICATION_ID.eq(event.applicationId())));
    }

    @EventHandler
    void on(SubsidyPaid event, @SequenceNumber long sequence, @Timestamp Instant at) {
        advance(event.programId(), sequence, at,
                new Totals(0, 0, 0, event.amountFen(), 1, 0, 0));
        BatchedWrites.execute(db, db.update(SUBSIDY_GRANT)
                .set(SUBSIDY_GRANT.STATUS, "PAID")
                .set(SUBSIDY_GRANT.PAYMENT_METHOD, event.method().name())
                .set(SUBSIDY_GRANT.PAYMENT_REFERENCE, event.paymentReference())
                .set(SUBSIDY_GRANT.PAID_ON, event.paidOn())
                .where(SUBSIDY_GRANT.PROGRAM_ID.eq(event.programId()))
                .and(SUBSIDY_GRANT.APPLICATION_ID.eq(event.applicationId())));
    }

    private void grant(String programId, String applicationId, String status, String decidedBy) {
        BatchedWrites.execute(db, db.update(SUBSIDY_GRANT).set(SUBSIDY_GRANT.STATUS, status)
                .set(SUBSIDY_GRANT.DECIDED_BY, decidedBy)
                .where(SUBSIDY_GRANT.PROGRAM_ID.eq(programId)).and(SUBSIDY_GRANT.APPLICATION_ID.eq(applicationId)));
    }

    /** What one event adds to a program's totals. */
    private record Totals(long budgetFen, long grantedFen, int grantedCount, long paidFen, int paidCount,
                          int applications, int rejected) {
    }

    /** Adds to a program's totals once per event: an event applied before adds nothing. */
    private void advance(String programId, long sequence, Instant at, Totals add) {
        BatchedWrites.execute(db, db.update(SUBSIDY_PROGRAM)
                .set(SUBSIDY_PROGRAM.BUDGET_FEN, SUBSIDY_PROGRAM.BUDGET_FEN.plus(add.budgetFen()))
                .set(SUBSIDY_PROGRAM.GRANTED_FEN, SUBSIDY_PROGRAM.GRANTED_FEN.plus(add.grantedFen()))
                .set(SUBSIDY_PROGRAM.GRANTED_COUNT, SUBSIDY_PROGRAM.GRANTED_COUNT.plus(add.grantedCount()))
                .set(SUBSIDY_PROGRAM.PAID_FEN, SUBSIDY_PROGRAM.PAID_FEN.plus(add.paidFen()))
                .set(SUBSIDY_PROGRAM.PAID_COUNT, SUBSIDY_PROGRAM.PAID_COUNT.plus(add.paidCount()))
                .set(SUBSIDY_PROGRAM.APPLICATION_COUNT, SUBSIDY_PROGRAM.APPLICATION_COUNT.plus(add.applications()))
                .set(SUBSIDY_PROGRAM.REJECTED_COUNT, SUBSIDY_PROGRAM.REJECTED_COUNT.plus(add.rejected()))
                .set(SUBSIDY_PROGRAM.LAST_SEQUENCE, sequence)
                .set(SUBSIDY_PROGRAM.UPDATED_AT, at.atOffset(ZoneOffset.UTC))
                .where(SUBSIDY_PROGRAM.PROGRAM_ID.eq(programId))
                .and(SUBSIDY_PROGRAM.LAST_SEQUENCE.lt(sequence)));
    }

    @ResetHandler
    void reset() {
        db.truncate(SUBSIDY_GRANT).execute();
        db.truncate(SUBSIDY_FUNDING).execute();
        db.truncate(SUBSIDY_PROGRAM).execute();
    }

    @QueryHandler
    ProgramUtilisationView handle(ProgramUtilisationQuery query) {
        var row = db.selectFrom(SUBSIDY_PROGRAM).where(SUBSIDY_PROGRAM.PROGRAM_ID.eq(query.programId())).fetchOne();
        if (row == null) {
            return null;
        }
        Map<String, Long> bySource = db.select(SUBSIDY_FUNDING.SOURCE, DSL.sum(SUBSIDY_FUNDING.AMOUNT_FEN))
                .from(SUBSIDY_FUNDING).where(SUBSIDY_FUNDING.PROGRAM_ID.eq(query.programId()))
                .groupBy(SUBSIDY_FUNDING.SOURCE)
                .fetchMap(r -> r.value1(), r -> r.value2().longValue());
        return new ProgramUtilisationView(row.getProgramId(), row.getOrgId(), row.getName(), row.getFundId(),
                row.getAmountRule(), row.getAmountPerPersonFen(), row.getBudgetFen(), bySource, row.getGrantedFen(),
                row.getPaidFen(), row.getBudgetFen() - row.getGrantedFen(), row.getGrantedCount(),
                row.getPaidCount(), row.getApplicationCount(), row.getRejectedCount(),
                Ratios.percent(row.getGrantedFen(), row.getBudgetFen()));
    }

    /**
     * Leverage: matching money (government, enterprise, donor) over union money, summed over the
     * programs of an organisation and every organisation below it (all programs without orgId).
     */
    @QueryHandler
    LeverageView handle(LeverageQuery query) {
        Condition scope = DSL.trueCondition();
        if (query.orgId() != null) {
            var path = db.select(ORG_TREE.PATH).from(ORG_TREE).where(ORG_TREE.ORG_ID.eq(query.orgId()))
                    .fetchOptional(ORG_TREE.PATH);
            if (path.isEmpty()) {
                return null;
            }
            scope = SUBSIDY_PROGRAM.ORG_ID.in(DSL.select(ORG_TREE.ORG_ID).from(ORG_TREE)
                    .where(OrgTreeProjection.startsWith(ORG_TREE.PATH, path.get())));
        }
        Map<String, Long> bySource = db.select(SUBSIDY_FUNDING.SOURCE, DSL.sum(SUBSIDY_FUNDING.AMOUNT_FEN))
                .from(SUBSIDY_FUNDING).join(SUBSIDY_PROGRAM).on(SUBSIDY_PROGRAM.PROGRAM_ID.eq(SUBSIDY_FUNDING.PROGRAM_ID))
                .where(scope).groupBy(SUBSIDY_FUNDING.SOURCE)
                .fetchMap(r -> r.value1(), r -> r.value2().longValue());
        int programs = db.fetchCount(SUBSIDY_PROGRAM, scope);
        long unionFen = bySource.getOrDefault(FundingSource.UNION.name(), 0L);
        long matchingFen = 0;
        for (FundingSource source : FundingSource.values()) {
            if (source.isMatching()) {
                matchingFen += bySource.getOrDefault(source.name(), 0L);
            }
        }
        return new LeverageView(query.orgId(), programs, unionFen, matchingFen, bySource,
                Ratios.ratio(matchingFen, unionFen));
    }
}
