package org.unionledger.projections.period;

import static org.unionledger.projections.jooq.Tables.ACCOUNTING_PERIOD;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import org.unionledger.core.period.PeriodEvents.AccountingPeriodClosed;
import org.unionledger.projections.support.ProjectionGroups;

/** Which months each organisation has closed. */
@Component
@ProcessingGroup(AccountingPeriodProjection.PROCESSING_GROUP)
public class AccountingPeriodProjection {

    public static final String PROCESSING_GROUP = ProjectionGroups.MONEY_AND_CASES;

    private final DSLContext db;

    public AccountingPeriodProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(AccountingPeriodClosed event, @Timestamp Instant at) {
        db.insertInto(ACCOUNTING_PERIOD)
                .set(ACCOUNTING_PERIOD.ORG_ID, event.orgId())
                .set(ACCOUNTING_PERIOD.MONTH, event.month().toString())
                .set(ACCOUNTING_PERIOD.CLOSED_THROUGH, event.closedThrough())
                .set(ACCOUNTING_PERIOD.NOTE, event.note())
                .set(ACCOUNTING_PERIOD.CLOSED_BY, event.closedBy())
                .set(ACCOUNTING_PERIOD.CLOSED_AT, at.atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(ACCOUNTING_PERIOD).execute();
    }

    @QueryHandler
    public AccountingPeriodsView handle(AccountingPeriodsQuery query) {
        List<ClosedPeriodView> closed = db.selectFrom(ACCOUNTING_PERIOD)
                .where(ACCOUNTING_PERIOD.ORG_ID.eq(query.orgId()))
                .orderBy(ACCOUNTING_PERIOD.MONTH)
                .fetch(r -> new ClosedPeriodView(r.getMonth(), r.getClosedThrough(), r.getNote(), r.getClosedBy(),
                        r.getClosedAt().toInstant()));
        LocalDate closedThrough = closed.isEmpty() ? null : closed.get(closed.size() - 1).closedThrough();
        return new AccountingPeriodsView(query.orgId(), closedThrough, closed);
    }

    public record AccountingPeriodsQuery(String orgId) {
    }

    public record AccountingPeriodsView(String orgId, LocalDate closedThrough, List<ClosedPeriodView> closed) {
    }

    public record ClosedPeriodView(String month, LocalDate closedThrough, String note, String closedBy,
                                   Instant closedAt) {
    }
}
