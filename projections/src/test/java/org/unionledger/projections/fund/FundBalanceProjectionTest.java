package org.unionledger.projections.fund;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;
import org.unionledger.projections.support.TestDatabase;

class FundBalanceProjectionTest {

    private final FundBalanceProjection projection = new FundBalanceProjection(TestDatabase.dsl());
    private String fundId;

    @BeforeEach
    void newFund() {
        fundId = "fund-" + UUID.randomUUID();
    }

    private ContributionRecorded contribution(String id, long amountFen) {
        return new ContributionRecorded(fundId, "city", id, amountFen, PayerType.MEMBER, "counter",
                LocalDate.of(2026, 1, 5), null, null);
    }

    @Test
    void sumsContributionsIntoTheBalance() {
        projection.on(new FundOpened(fundId, "city", "General", FundType.GENERAL), 0, Instant.now());
        projection.on(contribution("c-1", 1_000), 1, Instant.now(), new GlobalSequenceTrackingToken(10));
        projection.on(contribution("c-2", 250), 2, Instant.now(), new GlobalSequenceTrackingToken(11));

        FundBalanceView view = projection.handle(new FundBalanceQuery(fundId));

        assertThat(view.availableFen(), equalTo(1_250L));
        assertThat(view.inFen(), equalTo(1_250L));
        assertThat(view.asOfSequence(), equalTo(2L));
    }

    @Test
    void replayingAnEventChangesNothing() {
        projection.on(new FundOpened(fundId, "city", "General", FundType.GENERAL), 0, Instant.now());
        var first = contribution("c-1", 1_000);
        projection.on(first, 1, Instant.now(), new GlobalSequenceTrackingToken(10));
        projection.on(new FundOpened(fundId, "city", "General", FundType.GENERAL), 0, Instant.now());
        projection.on(first, 1, Instant.now(), new GlobalSequenceTrackingToken(10));

        assertThat(projection.handle(new FundBalanceQuery(fundId)).availableFen(), equalTo(1_000L));
        long rows = TestDatabase.dsl().fetchCount(org.unionledger.projections.jooq.Tables.FUND_CONTRIBUTION,
                org.unionledger.projections.jooq.Tables.FUND_CONTRIBUTION.FUND_ID.eq(fundId));
        assertThat(rows, equalTo(1L));
    }

    @Test
    void unknownFundHasNoBalance() {
        assertThat(projection.handle(new FundBalanceQuery("no-such-" + fundId)), nullValue());
    }
}
