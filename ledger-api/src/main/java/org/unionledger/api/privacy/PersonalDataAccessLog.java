package org.unionledger.api.privacy;

import static org.unionledger.projections.jooq.Tables.PERSONAL_DATA_ACCESS_LOG;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.TreeSet;

import org.jooq.DSLContext;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;
import org.unionledger.api.idempotency.CorrelationIds;
import org.unionledger.api.security.Actor;
import org.unionledger.api.security.CurrentActor;

/** Records each read of unmasked personal data (table personal_data_access_log) and lists them for auditors. */
@Component
public class PersonalDataAccessLog {

    /** Rows a single listing returns at most. */
    public static final int PAGE_ROWS_MAX = 500;

    private final DSLContext db;

    PersonalDataAccessLog(DSLContext db) {
        this.db = db;
    }

    /** Writes the row before the data is returned: no log row, no data. */
    public void recordRead(String memberId, List<String> fields) {
        Actor actor = CurrentActor.get();
        db.insertInto(PERSONAL_DATA_ACCESS_LOG)
                .set(PERSONAL_DATA_ACCESS_LOG.ACCESSED_AT, OffsetDateTime.now())
                .set(PERSONAL_DATA_ACCESS_LOG.PRINCIPAL, actor.principal())
                .set(PERSONAL_DATA_ACCESS_LOG.ROLES, String.join(",", new TreeSet<>(actor.roles())))
                .set(PERSONAL_DATA_ACCESS_LOG.ORG_ID, actor.orgId())
                .set(PERSONAL_DATA_ACCESS_LOG.MEMBER_ID, memberId)
                .set(PERSONAL_DATA_ACCESS_LOG.FIELDS, String.join(",", fields))
                .set(PERSONAL_DATA_ACCESS_LOG.CORRELATION_ID, MDC.get(CorrelationIds.MDC_KEY))
                .execute();
    }

    /** Newest first; optionally one member's or one principal's reads. */
    public List<Access> list(String memberId, String principal, int limit) {
        var condition = org.jooq.impl.DSL.noCondition();
        if (memberId != null) {
            condition = condition.and(PERSONAL_DATA_ACCESS_LOG.MEMBER_ID.eq(memberId));
        }
        if (principal != null) {
            condition = condition.and(PERSONAL_DATA_ACCESS_LOG.PRINCIPAL.eq(principal));
        }
        return db.selectFrom(PERSONAL_DATA_ACCESS_LOG).where(condition)
                .orderBy(PERSONAL_DATA_ACCESS_LOG.ACCESS_ID.desc())
                .limit(Math.min(Math.max(limit, 1), PAGE_ROWS_MAX))
                .fetch(row -> new Access(row.getAccessId(), row.getAccessedAt(), row.getPrincipal(), row.getRoles(),
                        row.getOrgId(), row.getMemberId(), List.of(row.getFields().split(",")),
                        row.getCorrelationId()));
    }

    /** One read of unmasked personal data. */
    public record Access(long accessId, OffsetDateTime accessedAt, String principal, String roles, String orgId,
                         String memberId, List<String> fields, String correlationId) {
    }
}
