package org.unionledger.projections.pool;

import static org.unionledger.projections.jooq.Tables.COVERAGE;
import static org.unionledger.projections.jooq.Tables.COVERAGE_SUMMARY;
import static org.unionledger.projections.support.PreparedWrite.insertInto;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.unionledger.core.pool.CoverageEvents.CoverageEnrolled;
import org.unionledger.projections.pool.PoolQueries.CoverageSummaryQuery;
import org.unionledger.projections.pool.PoolQueries.CoverageSummaryRow;
import org.unionledger.projections.pool.PoolQueries.CoverageSummaryView;
import org.unionledger.projections.pool.PoolQueries.MemberCoverageQuery;
import org.unionledger.projections.pool.PoolQueries.MemberCoverageRow;
import org.unionledger.projections.pool.PoolQueries.MemberCoverageView;
import org.unionledger.projections.support.BatchedWrites;
import org.unionledger.projections.support.GlobalIndex;
import org.unionledger.projections.support.PreparedWrite;
import org.unionledger.projections.support.ProjectionGroups;

/**
 * One row per coverage, and the statistics grouped per pool x period x plan x org x payer type in
 * coverage_summary, which a trigger on coverage keeps in step (V102): the portal reads a few ready
 * rows instead of grouping a pool's ~550,000 coverages a year on every request. Idempotent: the
 * coverage id is the primary key, and a row not inserted is not counted. Writes go out batched.
 */
@Component
@ProcessingGroup(CoverageProjection.PROCESSING_GROUP)
public class CoverageProjection {

    public static final String PROCESSING_GROUP = ProjectionGroups.MONEY_AND_CASES;
    /** A member has a handful of coverages a year; the limit keeps one answer small. */
    static final int MEMBER_COVERAGES_MAX = 500;

    private static final PreparedWrite COVERAGE_INSERT = PreparedWrite.of("coverage insert",
            insertInto(COVERAGE, COVERAGE.COVERAGE_ID, COVERAGE.POOL_ID, COVERAGE.MEMBER_ID, COVERAGE.ORG_ID,
                    COVERAGE.PLAN_CODE, COVERAGE.PERIOD_ID, COVERAGE.SHARES, COVERAGE.AMOUNT_FEN,
                    COVERAGE.PAYER_TYPE, COVERAGE.CHANNEL, COVERAGE.EMPLOYER_ID, COVERAGE.GIFT_FUND_ID,
                    COVERAGE.ENROLLED_ON, COVERAGE.BENEFITS_FROM, COVERAGE.PERIOD_END, COVERAGE.GLOBAL_INDEX)
                    .onConflictDoNothing());

    private final DSLContext db;

    public CoverageProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(CoverageEnrolled event, TrackingToken token) {
        BatchedWrites.execute(db, COVERAGE_INSERT, event.coverageId(), event.poolId(), event.memberId(),
                event.orgId(), event.planCode(), event.periodId(), event.shares(), event.amountFen(),
                event.payerType().name(), event.channel(), event.employerId(), event.giftFundId(),
                event.enrolledOn(), event.benefitsFrom(), event.periodEndDate(), GlobalIndex.of(token));
    }

    @ResetHandler
    void reset() {
        db.truncate(COVERAGE).execute();
        db.truncate(COVERAGE_SUMMARY).execute();
    }

    @QueryHandler
    public CoverageSummaryView handle(CoverageSummaryQuery query) {
        Condition where = COVERAGE_SUMMARY.POOL_ID.eq(query.poolId());
        if (query.periodId() != null) {
            where = where.and(COVERAGE_SUMMARY.PERIOD_ID.eq(query.periodId()));
        }
        if (query.planCode() != null) {
            where = where.and(COVERAGE_SUMMARY.PLAN_CODE.eq(query.planCode()));
        }
        if (query.orgId() != null) {
            where = where.and(COVERAGE_SUMMARY.ORG_ID.eq(query.orgId()));
        }
        List<CoverageSummaryRow> rows = new ArrayList<>();
        long members = 0;
        long giftedTotal = 0;
        long fen = 0;
        for (var row : db.selectFrom(COVERAGE_SUMMARY).where(where)
                .orderBy(COVERAGE_SUMMARY.PERIOD_ID, COVERAGE_SUMMARY.PLAN_CODE, COVERAGE_SUMMARY.ORG_ID,
                        COVERAGE_SUMMARY.PAYER_TYPE)
                .fetch()) {
            CoverageSummaryRow summary = new CoverageSummaryRow(row.getPeriodId(), row.getPlanCode(), row.getOrgId(),
                    row.getPayerType(), row.getMembersEnrolled(), row.getGiftedCount(), row.getContributionsFen());
            rows.add(summary);
            members += summary.membersEnrolled();
            giftedTotal += summary.giftedCount();
            fen = Math.addExact(fen, summary.contributionsFen());
        }
        return new CoverageSummaryView(query.poolId(), rows, members, giftedTotal, fen);
    }

    @QueryHandler
    public MemberCoverageView handle(MemberCoverageQuery query) {
        List<MemberCoverageRow> rows = db.selectFrom(COVERAGE)
                .where(COVERAGE.MEMBER_ID.eq(query.memberId()))
                .orderBy(COVERAGE.PERIOD_END.desc(), COVERAGE.PLAN_CODE)
                .limit(MEMBER_COVERAGES_MAX)
                .fetch(row -> new MemberCoverageRow(row.getCoverageId(), row.getPoolId(), row.getPlanCode(),
                        row.getPeriodId(), row.getShares(), row.getAmountFen(), row.getPayerType(),
                        row.getEnrolledOn(), row.getBenefitsFrom(), row.getPeriodEnd()));
        return new MemberCoverageView(query.memberId(), rows);
    }

}
