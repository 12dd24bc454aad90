package org.unionledger.projections.hardship;

import static org.unionledger.projections.jooq.Tables.HARDSHIP_FUND_FLOW;
import static org.unionledger.projections.jooq.Tables.HARDSHIP_GRANT;
import static org.unionledger.projections.jooq.Tables.HARDSHIP_STATUS_CHANGE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Answers {@link HardshipStatisticsQuery} from the tables of {@link HardshipRegisterProjection}
 * and {@link HardshipMoneyProjection}. Reads only.
 */
@Component
public class HardshipStatistics {

    /** The most years the exit rate is reported for (the latest ones). */
    static final int EXIT_RATE_YEARS_MAX = 30;
    /** The most assistance rows (type x month x organisation) returned. */
    static final int ASSISTANCE_ROWS_MAX = 5_000;

    private final DSLContext db;

    public HardshipStatistics(DSLContext db) {
        this.db = db;
    }

    @QueryHandler
    public HardshipStatisticsView handle(HardshipStatisticsQuery query) {
        return new HardshipStatisticsView(assistance(query.orgId()), raisedBySource(query.orgId()),
                sum("RAISED", query.orgId()), sum("SPENT", query.orgId()) - sum("RETURNED", query.orgId()),
                exitRates(query.orgId()));
    }

    private List<HardshipStatisticsView.Assistance> assistance(String orgId) {
        var month = DSL.field("to_char({0}, 'YYYY-MM')", String.class, HARDSHIP_GRANT.PAID_ON);
        Condition where = HARDSHIP_GRANT.PAID_ON.isNotNull();
        if (orgId != null) {
            where = where.and(HARDSHIP_GRANT.ORG_ID.eq(orgId));
        }
        var amount = DSL.sum(HARDSHIP_GRANT.AMOUNT_FEN);
        return db.select(HARDSHIP_GRANT.ASSISTANCE_TYPE, month, HARDSHIP_GRANT.ORG_ID, DSL.count(), amount)
                .from(HARDSHIP_GRANT).where(where)
                .groupBy(HARDSHIP_GRANT.ASSISTANCE_TYPE, month, HARDSHIP_GRANT.ORG_ID)
                .orderBy(month, HARDSHIP_GRANT.ORG_ID, HARDSHIP_GRANT.ASSISTANCE_TYPE)
                .limit(ASSISTANCE_ROWS_MAX)
                .fetch(r -> new HardshipStatisticsView.Assistance(r.value1(), r.value2(), r.value3(), r.value4(),
                        r.value5().longValueExact()));
    }

    private List<HardshipStatisticsView.Source> raisedBySource(String orgId) {
        Condition where = HARDSHIP_FUND_FLOW.KIND.eq("RAISED");
        if (orgId != null) {
            where = where.and(HARDSHIP_FUND_FLOW.ORG_ID.eq(orgId));
        }
        var amount = DSL.sum(HARDSHIP_FUND_FLOW.AMOUNT_FEN);
        return db.select(HARDSHIP_FUND_FLOW.PAYER_TYPE, amount).from(HARDSHIP_FUND_FLOW).where(where)
                .groupBy(HARDSHIP_FUND_FLOW.PAYER_TYPE).orderBy(HARDSHIP_FUND_FLOW.PAYER_TYPE)
                .fetch(r -> new HardshipStatisticsView.Source(r.value1(), r.value2().longValueExact()));
    }

    private long sum(String kind, String orgId) {
        Condition where = HARDSHIP_FUND_FLOW.KIND.eq(kind);
        if (orgId != null) {
            where = where.and(HARDSHIP_FUND_FLOW.ORG_ID.eq(orgId));
        }
        var total = db.select(DSL.sum(HARDSHIP_FUND_FLOW.AMOUNT_FEN)).from(HARDSHIP_FUND_FLOW).where(where)
                .fetchOne().value1();
        return total == null ? 0 : total.longValueExact();
    }

    private List<HardshipStatisticsView.ExitRate> exitRates(String orgId) {
        Condition org = orgId == null ? DSL.trueCondition() : HARDSHIP_STATUS_CHANGE.ORG_ID.eq(orgId);
        var year = DSL.extract(HARDSHIP_STATUS_CHANGE.ON_DATE, DatePart.YEAR);
        List<Integer> years = db.selectDistinct(year).from(HARDSHIP_STATUS_CHANGE).where(org)
                .orderBy(year.desc()).limit(EXIT_RATE_YEARS_MAX).fetch(r -> r.value1());
        java.util.Collections.reverse(years);
        List<HardshipStatisticsView.ExitRate> rates = new ArrayList<>();
        for (int y : years) {
            LocalDate start = LocalDate.of(y, 1, 1);
            LocalDate end = start.plusYears(1);
            long active = activeAt(start, org);
            long entered = changes("ENTERED", start, end, org);
            long exited = changes("EXITED", start, end, org);
            rates.add(new HardshipStatisticsView.ExitRate(y, active, entered, exited,
                    active == 0 ? null : Math.multiplyExact(exited, 10_000L) / active));
        }
        return rates;
    }

    /** Households whose latest entry or exit before {@code day} was an entry. */
    private long activeAt(LocalDate day, Condition org) {
        var latest = db.select(HARDSHIP_STATUS_CHANGE.CASE_ID, HARDSHIP_STATUS_CHANGE.KIND)
                .distinctOn(HARDSHIP_STATUS_CHANGE.CASE_ID)
                .from(HARDSHIP_STATUS_CHANGE)
                .where(org, HARDSHIP_STATUS_CHANGE.ON_DATE.lt(day))
                .orderBy(HARDSHIP_STATUS_CHANGE.CASE_ID, HARDSHIP_STATUS_CHANGE.ON_DATE.desc(),
                        HARDSHIP_STATUS_CHANGE.SEQUENCE.desc())
                .asTable("latest");
        return db.fetchCount(db.selectFrom(latest).where(latest.field(HARDSHIP_STATUS_CHANGE.KIND).eq("ENTERED")));
    }

    private long changes(String kind, LocalDate from, LocalDate to, Condition org) {
        return db.fetchCount(db.selectDistinct(HARDSHIP_STATUS_CHANGE.CASE_ID).from(HARDSHIP_STATUS_CHANGE)
                .where(org, HARDSHIP_STATUS_CHANGE.KIND.eq(kind), HARDSHIP_STATUS_CHANGE.ON_DATE.ge(from),
                        HARDSHIP_STATUS_CHANGE.ON_DATE.lt(to)));
    }
}
