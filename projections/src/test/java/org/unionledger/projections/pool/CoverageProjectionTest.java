package org.unionledger.projections.pool;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.unionledger.projections.jooq.Tables.COVERAGE;
import static org.unionledger.projections.jooq.Tables.COVERAGE_SUMMARY;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.pool.CoverageEvents.CoverageEnrolled;
import org.unionledger.projections.support.TestDatabase;

/**
 * Coverage and its summary on real PostgreSQL, in processor transactions as a replay runs them:
 * the summary is the grouping of coverage after a batch of enrolments (sent as multi-row inserts),
 * after single inserts, and after the same events delivered again.
 */
class CoverageProjectionTest {

    private final DSLContext db = TestDatabase.transactionalDsl();
    private final TransactionTemplate batch = TestDatabase.processorBatches();
    private final CoverageProjection projection = new CoverageProjection(db);
    private final String poolId = "pool-" + UUID.randomUUID();

    private CoverageEnrolled enrolled(int member, String orgId, PayerType payer, long amountFen) {
        return new CoverageEnrolled(poolId + "-c" + member, poolId, "fund-1", "m-" + member, orgId, "INPATIENT",
                "2026", 1, amountFen, payer, "bank", null, payer == PayerType.UNION ? "gift-fund" : null,
                LocalDate.of(2026, 1, 5), LocalDate.of(2026, 2, 1), LocalDate.of(2026, 12, 31), 1_000_000, 0);
    }

    private List<CoverageEnrolled> enrolments() {
        return List.of(enrolled(1, "org-a", PayerType.MEMBER, 5_000), enrolled(2, "org-a", PayerType.MEMBER, 5_000),
                enrolled(3, "org-a", PayerType.UNION, 5_000), enrolled(4, "org-b", PayerType.EMPLOYER, 7_000),
                enrolled(5, "org-b", PayerType.MEMBER, 5_000), enrolled(6, "org-a", PayerType.MEMBER, 6_000));
    }

    private void inOneBatch(List<CoverageEnrolled> events) {
        batch.executeWithoutResult(status -> {
            long position = 1;
            for (CoverageEnrolled event : events) {
                projection.on(event, new GlobalSequenceTrackingToken(position++));
            }
        });
    }

    private Result<? extends Record> summary() {
        return db.select(COVERAGE_SUMMARY.ORG_ID, COVERAGE_SUMMARY.PAYER_TYPE, COVERAGE_SUMMARY.MEMBERS_ENROLLED,
                        COVERAGE_SUMMARY.GIFTED_COUNT, COVERAGE_SUMMARY.CONTRIBUTIONS_FEN)
                .from(COVERAGE_SUMMARY).where(COVERAGE_SUMMARY.POOL_ID.eq(poolId))
                .orderBy(COVERAGE_SUMMARY.ORG_ID, COVERAGE_SUMMARY.PAYER_TYPE).fetch();
    }

    /** What the summary must hold: coverage grouped, as the portal's query would group it. */
    private Result<? extends Record> groupedCoverage() {
        return db.select(COVERAGE.ORG_ID, COVERAGE.PAYER_TYPE, DSL.count().cast(Long.class),
                        DSL.count().filterWhere(COVERAGE.PAYER_TYPE.eq("UNION")).cast(Long.class),
                        DSL.sum(COVERAGE.AMOUNT_FEN).cast(Long.class))
                .from(COVERAGE).where(COVERAGE.POOL_ID.eq(poolId))
                .groupBy(COVERAGE.ORG_ID, COVERAGE.PAYER_TYPE)
                .orderBy(COVERAGE.ORG_ID, COVERAGE.PAYER_TYPE).fetch();
    }

    @Test
    void theSummaryIsTheGroupingOfCoverageAfterABatchAndAfterSingleInserts() {
        inOneBatch(enrolments().subList(0, 5));
        inOneBatch(enrolments().subList(5, 6));

        assertThat(summary().intoArrays(), equalTo(groupedCoverage().intoArrays()));
        var orgA = summary().get(0);
        assertThat(orgA.get(COVERAGE_SUMMARY.MEMBERS_ENROLLED), equalTo(3L));
        assertThat(orgA.get(COVERAGE_SUMMARY.CONTRIBUTIONS_FEN), equalTo(16_000L));
        assertThat(summary().get(1).get(COVERAGE_SUMMARY.GIFTED_COUNT), equalTo(1L));
    }

    @Test
    void enrolmentsDeliveredAgainCountOnce() {
        inOneBatch(enrolments());
        var before = summary().intoArrays();

        inOneBatch(enrolments());
        inOneBatch(enrolments().subList(2, 3));

        assertThat(summary().intoArrays(), equalTo(before));
        assertThat(summary().intoArrays(), equalTo(groupedCoverage().intoArrays()));
    }
}
