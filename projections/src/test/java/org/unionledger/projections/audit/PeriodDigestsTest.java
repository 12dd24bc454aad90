package org.unionledger.projections.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chain head at each month's end, and how an outsider checks one. */
class PeriodDigestsTest {

    private static final ZoneId BOOKS_ZONE = ZoneId.of("Asia/Shanghai");

    private ScratchEventStore store;
    private String lastFebruaryEvent;

    @BeforeEach
    void eventsInFebruaryAndMarch() throws SQLException {
        store = new ScratchEventStore();
        store.append("fund-a", 0, "{}", Instant.parse("2026-02-03T01:00:00Z"));
        // 23:30 on 28 February in Beijing is still February in the books.
        lastFebruaryEvent = store.append("fund-a", 1, "{}", Instant.parse("2026-02-28T15:30:00Z"));
        store.append("fund-a", 2, "{}", Instant.parse("2026-02-28T16:30:00Z"));
        new HashChainAppender(store.dataSource, Duration.ZERO, Clock.systemUTC()).appendAll();
    }

    @AfterEach
    void dropStore() {
        store.close();
    }

    @Test
    void digestIsTheChainHeadAtThePeriodEnd() throws SQLException {
        List<PeriodDigest> digests = new PeriodDigests(store.dataSource, BOOKS_ZONE)
                .between(YearMonth.of(2026, 1), YearMonth.of(2026, 3));

        assertThat(digests.size(), equalTo(3));
        assertThat(digests.get(0).chainPosition(), equalTo(0L));
        assertThat(digests.get(0).headHash(), equalTo(HashChain.GENESIS));
        PeriodDigest february = digests.get(1);
        assertThat(february.period(), equalTo("2026-02"));
        assertThat(february.periodEnd(), equalTo(Instant.parse("2026-02-28T16:00:00Z")));
        assertThat(february.chainPosition(), equalTo(2L));
        assertThat(february.lastGlobalIndex(), equalTo(store.globalIndexOf(lastFebruaryEvent)));
        assertThat(february.settled(), is(true));
        assertThat(digests.get(2).chainPosition(), equalTo(3L));
        assertThat("March has not ended in the chain yet", digests.get(2).settled(), is(false));
    }

    @Test
    void outsiderRecomputesAPublishedDigestFromTheEvents() throws SQLException {
        PeriodDigest february = new PeriodDigests(store.dataSource, BOOKS_ZONE)
                .between(YearMonth.of(2026, 2), YearMonth.of(2026, 2)).get(0);

        ChainVerification recomputed = new ChainVerifier(Clock.systemUTC())
                .verify(store.dataSource, february.lastGlobalIndex());

        assertThat(recomputed.headHash(), equalTo(february.headHash()));
        assertThat(recomputed.chainedEvents(), equalTo(february.chainPosition()));
    }
}
