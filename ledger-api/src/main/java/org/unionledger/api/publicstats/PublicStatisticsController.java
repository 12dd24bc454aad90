package org.unionledger.api.publicstats;

import static org.unionledger.projections.jooq.Tables.COVERAGE;
import static org.unionledger.projections.jooq.Tables.FUND_BALANCE;
import static org.unionledger.projections.jooq.Tables.HARDSHIP_GRANT;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.unionledger.projections.hardship.HardshipStatisticsQuery;
import org.unionledger.projections.hardship.HardshipStatisticsView;

/**
 * The public transparency page's numbers: aggregates only, never a member, a case or a single
 * payment. The one endpoint besides health that answers without signing in.
 */
@RestController
@Tag(name = "Public")
class PublicStatisticsController {

    private final DSLContext db;
    private final QueryGateway queries;

    PublicStatisticsController(DSLContext db, QueryGateway queries) {
        this.db = db;
        this.queries = queries;
    }

    @GetMapping("/public/statistics")
    @Operation(summary = "Public, aggregated figures: money by fund type, coverage counts, payouts, hardship exit "
            + "rate per year. No personal data; no sign-in needed")
    PublicStatistics statistics() {
        return new PublicStatistics(funds(), coverage(), payouts(), exitRates());
    }

    private List<FundTotals> funds() {
        return db.select(FUND_BALANCE.FUND_TYPE, DSL.count(), DSL.sum(FUND_BALANCE.AVAILABLE_FEN),
                        DSL.sum(FUND_BALANCE.IN_FEN), DSL.sum(FUND_BALANCE.OUT_FEN))
                .from(FUND_BALANCE).groupBy(FUND_BALANCE.FUND_TYPE).orderBy(FUND_BALANCE.FUND_TYPE)
                .fetch(row -> new FundTotals(row.value1(), row.value2(), longOf(row.value3()), longOf(row.value4()),
                        longOf(row.value5())));
    }

    private CoverageCounts coverage() {
        var row = db.select(DSL.count(), DSL.countDistinct(COVERAGE.MEMBER_ID),
                        DSL.count().filterWhere(COVERAGE.PAYER_TYPE.eq("UNION")))
                .from(COVERAGE).fetchOne();
        return new CoverageCounts(row.value1(), row.value2(), row.value3());
    }

    private Payouts payouts() {
        long paidOutFen = longOf(db.select(DSL.sum(FUND_BALANCE.OUT_FEN)).from(FUND_BALANCE).fetchOne().value1());
        var hardship = db.select(DSL.count(), DSL.sum(HARDSHIP_GRANT.AMOUNT_FEN)).from(HARDSHIP_GRANT)
                .where(HARDSHIP_GRANT.PAID_ON.isNotNull()).fetchOne();
        return new Payouts(paidOutFen, hardship.value1(), longOf(hardship.value2()));
    }

    private List<HardshipStatisticsView.ExitRate> exitRates() {
        HardshipStatisticsView view = queries.query(new HardshipStatisticsQuery(null),
                ResponseTypes.instanceOf(HardshipStatisticsView.class)).join();
        return view == null ? List.of() : view.exitRates();
    }

    private static long longOf(Number value) {
        return value == null ? 0 : value.longValue();
    }

    record PublicStatistics(List<FundTotals> funds, CoverageCounts coverage, Payouts payouts,
                            List<HardshipStatisticsView.ExitRate> hardshipExitRates) {
    }

    record FundTotals(String fundType, int funds, long availableFen, long inFen, long outFen) {
    }

    /** enrolments: member x plan x period rows; gifted: enrolments the union paid for. */
    record CoverageCounts(int enrolments, int members, int gifted) {
    }

    /** outFen: all money paid out of every fund; hardship grants paid and their sum. */
    record Payouts(long paidOutFen, int hardshipGrantsPaid, long hardshipGrantsPaidFen) {
    }
}
