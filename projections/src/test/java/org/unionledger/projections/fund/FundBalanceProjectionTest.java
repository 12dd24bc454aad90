package org.unionledger.projections.fund;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.unionledger.projections.jooq.Tables.FUND_CONTRIBUTION;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.core.fund.FundEvents.ContributionRecorded;
import org.unionledger.core.fund.FundEvents.FundOpened;
import org.unionledger.core.fund.FundEvents.FundsReserved;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.fund.PayerType;
import org.unionledger.core.fund.ReservationPurpose;
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

    private long contributionRows() {
        return TestDatabase.dsl().fetchCount(FUND_CONTRIBUTION, FUND_CONTRIBUTION.FUND_ID.eq(fundId));
    }

    private FundsReserved reservation() {
        return new FundsReserved(fundId, "city", "r-1", 300, ReservationPurpose.CLAIM_PAYOUT, "claim-1");
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
        assertThat(contributionRows(), equalTo(1L));
    }

    /**
     * Within one processor batch (its writes go out together at the commit), redelivered events that
     * overlap what a row already applied (an upgrade that replays into existing rows, setting 10)
     * count once, and only the new ones move the balance.
     */
    @Test
    void aBatchAppliesEachFundsNewEventsOnceEvenWhenItOverlapsWhatTheRowApplied() {
        FundBalanceProjection batched = new FundBalanceProjection(TestDatabase.transactionalDsl());
        String otherFund = "fund-" + UUID.randomUUID();
        TestDatabase.processorBatches().executeWithoutResult(status -> {
            batched.on(new FundOpened(fundId, "city", "General", FundType.GENERAL), 0, Instant.now());
            batched.on(contribution("c-1", 1_000), 1, Instant.now(), new GlobalSequenceTrackingToken(10));
            batched.on(new FundOpened(otherFund, "city", "Other", FundType.GENERAL), 0, Instant.now());
            batched.on(contribution("c-2", 250), 2, Instant.now(), new GlobalSequenceTrackingToken(12));
            batched.on(reservation(), 3, Instant.parse("2026-01-06T10:00:00Z"));
        });
        FundBalanceView first = projection.handle(new FundBalanceQuery(fundId));
        assertThat(first.availableFen(), equalTo(950L));
        assertThat(first.reservedFen(), equalTo(300L));
        assertThat(first.asOfSequence(), equalTo(3L));
        assertThat(first.updatedAt(), equalTo(Instant.parse("2026-01-06T10:00:00Z")));

        TestDatabase.processorBatches().executeWithoutResult(status -> {
            batched.on(contribution("c-2", 250), 2, Instant.now(), new GlobalSequenceTrackingToken(12));
            batched.on(reservation(), 3, Instant.now());
            batched.on(contribution("c-3", 40), 4, Instant.parse("2026-01-07T10:00:00Z"),
                    new GlobalSequenceTrackingToken(14));
        });
        FundBalanceView second = projection.handle(new FundBalanceQuery(fundId));
        assertThat(second.availableFen(), equalTo(990L));
        assertThat(second.reservedFen(), equalTo(300L));
        assertThat(second.inFen(), equalTo(1_290L));
        assertThat(second.asOfSequence(), equalTo(4L));
        assertThat(second.updatedAt(), equalTo(Instant.parse("2026-01-07T10:00:00Z")));
        assertThat(projection.handle(new FundBalanceQuery(otherFund)).availableFen(), equalTo(0L));
        assertThat(contributionRows(), equalTo(3L));
    }

    @Test
    void unknownFundHasNoBalance() {
        assertThat(projection.handle(new FundBalanceQuery("no-such-" + fundId)), nullValue());
    }
}
