package org.unionledger.projections.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.unionledger.projections.jooq.Tables.FUND_BALANCE;
import static org.unionledger.projections.support.PreparedWrite.value;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.unionledger.projections.jooq.tables.records.FundBalanceRecord;

/** PreparedRead on real PostgreSQL: the same typed rows as the jOOQ query it was made from. */
class PreparedReadTest {

    private static final PreparedRead<FundBalanceRecord> OF_ORG = PreparedRead.of("balances of an organisation",
            FUND_BALANCE, DSL.selectFrom(FUND_BALANCE).where(FUND_BALANCE.ORG_ID.eq(value(FUND_BALANCE.ORG_ID)))
                    .and(FUND_BALANCE.AVAILABLE_FEN.ge(value("at_least", FUND_BALANCE.AVAILABLE_FEN)))
                    .orderBy(FUND_BALANCE.FUND_ID).limit(DSL.inline(2)));

    private final DSLContext db = TestDatabase.dsl();
    private final String org = "prepared-read-" + UUID.randomUUID();

    @Test
    void readsTheRowsTheQueryWouldReadTypedAsTheTablesRecords() {
        for (int i = 0; i < 4; i++) {
            db.insertInto(FUND_BALANCE)
                    .set(FUND_BALANCE.FUND_ID, org + "-" + i)
                    .set(FUND_BALANCE.ORG_ID, org)
                    .set(FUND_BALANCE.NAME, "Fund " + i)
                    .set(FUND_BALANCE.FUND_TYPE, "GENERAL")
                    .set(FUND_BALANCE.AVAILABLE_FEN, 100L * i)
                    .set(FUND_BALANCE.LAST_SEQUENCE, (long) i)
                    .set(FUND_BALANCE.UPDATED_AT, OffsetDateTime.of(2026, 12, 2, 8, 0, i, 0, ZoneOffset.UTC))
                    .execute();
        }
        var expected = db.selectFrom(FUND_BALANCE).where(FUND_BALANCE.ORG_ID.eq(org))
                .and(FUND_BALANCE.AVAILABLE_FEN.ge(100L)).orderBy(FUND_BALANCE.FUND_ID).limit(2).fetch();

        var read = OF_ORG.fetch(db, org, 100L);

        assertThat(read, equalTo(expected));
        assertThat(read.get(0).getUpdatedAt().toInstant(), equalTo(expected.get(0).getUpdatedAt().toInstant()));
        assertThat(read.get(1).getAvailableFen(), equalTo(200L));
        assertThat(OF_ORG.fetchFirst(db, org, 300L).getFundId(), equalTo(org + "-3"));
        assertThat(OF_ORG.fetchFirst(db, org, 301L), nullValue());
    }

    @Test
    void refusesValuesThatAreNotItsPlaceholdersBeforeReading() {
        var wrongType = assertThrows(IllegalArgumentException.class, () -> OF_ORG.fetch(db, org, "100"));
        assertThat(wrongType.getMessage(), containsString("at_least takes a Long"));
        var tooFew = assertThrows(IllegalArgumentException.class, () -> OF_ORG.fetch(db, org));
        assertThat(tooFew.getMessage(), containsString("takes 2 values"));
        var unnamed = assertThrows(IllegalArgumentException.class, () -> PreparedRead.of("unnamed", FUND_BALANCE,
                DSL.selectFrom(FUND_BALANCE).where(FUND_BALANCE.ORG_ID.eq(org)).limit(2)));
        assertThat(unnamed.getMessage(), containsString("named placeholder"));
    }
}
