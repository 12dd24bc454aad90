package org.unionledger.projections.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unionledger.projections.audit.ChainDifference.Kind;

/**
 * Tampering with stored events in plain SQL, the way an insider with database access would, and
 * the verifier naming the first event touched. Each test has an event store of its own.
 */
class HashChainTamperingTest {

    private static final Instant MARCH = Instant.parse("2026-03-10T08:00:00Z");

    private ScratchEventStore store;
    private final List<String> eventIds = new ArrayList<>();
    private final ChainVerifier verifier = new ChainVerifier(Clock.systemUTC());

    @BeforeEach
    void tenChainedEvents() throws SQLException {
        store = new ScratchEventStore();
        for (int i = 1; i <= 10; i++) {
            eventIds.add(store.append("fund-a", i - 1, "{\"contributionId\":\"c-" + i + "\",\"amountFen\":" + i * 100
                    + "}", MARCH.plusSeconds(i)));
        }
        int appended = new HashChainAppender(store.dataSource, Duration.ZERO, Clock.systemUTC()).appendAll();
        assertThat(appended, equalTo(10));
    }

    @AfterEach
    void dropStore() {
        store.close();
    }

    @Test
    void untouchedChainIsIntact() throws SQLException {
        ChainVerification verification = verifier.verify(store.dataSource);

        assertThat(verification.summary(), verification.intact(), is(true));
        assertThat(verification.chainedEvents(), equalTo(10L));
        assertThat(verification.firstDifference(), nullValue());
        assertThat(verification.summary(), equalTo("chain intact: 10 events, head " + verification.headHash()));
    }

    @Test
    void namesTheEventWhosePayloadWasChangedWithSql() throws SQLException {
        String altered = eventIds.get(3);
        store.sql.execute("UPDATE domainevententry SET payload = convert_to('{\"contributionId\":\"c-4\","
                + "\"amountFen\":999999}', 'UTF8') WHERE eventidentifier = ?", altered);

        ChainDifference difference = verifier.verify(store.dataSource).firstDifference();

        assertThat(difference.kind(), equalTo(Kind.ALTERED));
        assertThat(difference.eventIdentifier(), equalTo(altered));
        assertThat(difference.globalIndex(), equalTo(store.globalIndexOf(altered)));
        assertThat(difference.aggregateIdentifier(), equalTo("fund-a"));
    }

    @Test
    void namesTheEventWhoseMetadataWasChangedWithSql() throws SQLException {
        String altered = eventIds.get(6);
        store.sql.execute("UPDATE domainevententry SET metadata = convert_to('{\"principal\":\"admin\"}', 'UTF8') "
                + "WHERE eventidentifier = ?", altered);

        ChainDifference difference = verifier.verify(store.dataSource).firstDifference();

        assertThat(difference.kind(), equalTo(Kind.ALTERED));
        assertThat(difference.eventIdentifier(), equalTo(altered));
    }

    @Test
    void namesTheEventThatWasDeleted() throws SQLException {
        String deleted = eventIds.get(5);
        long index = store.globalIndexOf(deleted);
        store.sql.execute("DELETE FROM domainevententry WHERE eventidentifier = ?", deleted);

        ChainVerification verification = verifier.verify(store.dataSource);

        assertThat(verification.intact(), is(false));
        assertThat(verification.firstDifference().kind(), equalTo(Kind.REMOVED));
        assertThat(verification.firstDifference().eventIdentifier(), equalTo(deleted));
        assertThat(verification.firstDifference().globalIndex(), equalTo(index));
        assertThat(verification.firstDifference().aggregateIdentifier(), equalTo("fund-a"));
        assertThat(verification.chainedEvents(), equalTo(5L));
    }

    @Test
    void namesTheFirstOfTwoEventsThatWereSwapped() throws SQLException {
        String earlier = eventIds.get(2);
        String later = eventIds.get(7);
        long earlierIndex = store.globalIndexOf(earlier);
        long laterIndex = store.globalIndexOf(later);
        store.sql.execute("UPDATE domainevententry SET globalindex = -1 WHERE globalindex = ?", earlierIndex);
        store.sql.execute("UPDATE domainevententry SET globalindex = ? WHERE globalindex = ?", earlierIndex,
                laterIndex);
        store.sql.execute("UPDATE domainevententry SET globalindex = ? WHERE globalindex = -1", laterIndex);

        ChainDifference difference = verifier.verify(store.dataSource).firstDifference();

        assertThat(difference.describe(), difference.kind(), equalTo(Kind.REORDERED));
        assertThat(difference.globalIndex(), equalTo(earlierIndex));
        assertThat(difference.eventIdentifier(), equalTo(later));
    }

    @Test
    void namesTheFirstOfTwoPayloadsThatWereSwapped() throws SQLException {
        String first = eventIds.get(1);
        String second = eventIds.get(8);
        store.sql.execute("UPDATE domainevententry a SET payload = b.payload FROM domainevententry b "
                + "WHERE (a.eventidentifier, b.eventidentifier) IN ((?, ?), (?, ?))", first, second, second, first);

        ChainDifference difference = verifier.verify(store.dataSource).firstDifference();

        assertThat(difference.kind(), equalTo(Kind.ALTERED));
        assertThat(difference.eventIdentifier(), equalTo(first));
    }

    @Test
    void namesAnEventInsertedBeforeTheChainsHead() throws SQLException {
        long index = store.globalIndexOf(eventIds.get(4));
        store.sql.execute("DELETE FROM event_hash_chain WHERE global_index >= ?", index);
        store.sql.execute("UPDATE domainevententry SET globalindex = globalindex + 100 WHERE globalindex >= ?",
                index);
        HashChainAppender appender = new HashChainAppender(store.dataSource, Duration.ZERO, Clock.systemUTC());
        appender.appendAll();
        appender.appendAll();
        String inserted = store.appendAt(index, "fund-b", 0, MARCH);

        ChainDifference difference = verifier.verify(store.dataSource).firstDifference();

        assertThat(difference.describe(), difference.kind(), equalTo(Kind.INSERTED));
        assertThat(difference.eventIdentifier(), equalTo(inserted));
        assertThat(difference.globalIndex(), equalTo(index));
    }

    @Test
    void namesAChainRowThatWasRewritten() throws SQLException {
        long index = store.globalIndexOf(eventIds.get(2));
        store.sql.execute("UPDATE event_hash_chain SET hash = ? WHERE global_index = ?", "f".repeat(64), index);

        ChainDifference difference = verifier.verify(store.dataSource).firstDifference();

        assertThat(difference.globalIndex(), equalTo(index));
        assertThat(difference.kind(), equalTo(Kind.ALTERED));
    }

    @Test
    void eventsAfterTheHeadArePendingNotDifferences() throws SQLException {
        store.append("fund-a", 10, "{}", MARCH.plusSeconds(60));

        ChainVerification verification = verifier.verify(store.dataSource);

        assertThat(verification.intact(), is(true));
        assertThat(verification.pendingEvents(), equalTo(1L));
    }

    @Test
    void verifiesUpToAGlobalIndexToCheckAPublishedHead() throws SQLException {
        long fifth = store.globalIndexOf(eventIds.get(4));
        String fifthHash = store.value(String.class, "SELECT hash FROM event_hash_chain WHERE global_index = ?", fifth);

        ChainVerification verification = verifier.verify(store.dataSource, fifth);

        assertThat(verification.intact(), is(true));
        assertThat(verification.chainedEvents(), equalTo(5L));
        assertThat(verification.headHash(), equalTo(fifthHash));
    }
}
