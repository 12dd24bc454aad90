package org.unionledger.projections.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The appender chains in global order and never steps over a gap a late commit could still fill. */
class HashChainAppenderTest {

    private static final Instant T = Instant.parse("2026-03-10T08:00:00Z");

    private ScratchEventStore store;
    private final MovableClock clock = new MovableClock(T);
    private HashChainAppender appender;

    @BeforeEach
    void emptyStore() {
        store = new ScratchEventStore();
        appender = new HashChainAppender(store.dataSource, Duration.ofSeconds(5), clock);
    }

    @AfterEach
    void dropStore() {
        store.close();
    }

    @Test
    void stopsAtAGapUntilItIsFinal() throws SQLException {
        store.appendAt(1, "fund-a", 0, T);
        store.appendAt(2, "fund-a", 1, T);
        store.appendAt(4, "fund-a", 3, T);

        assertThat(appender.appendAll(), equalTo(2));
        clock.move(Duration.ofSeconds(4));
        assertThat("the gap is younger than the wait", appender.appendAll(), equalTo(0));
        clock.move(Duration.ofSeconds(2));
        assertThat(appender.appendAll(), equalTo(1));
        assertThat(chainedIndexes(), contains(1L, 2L, 4L));
        assertThat(new ChainVerifier(clock).verify(store.dataSource).intact(), is(true));
    }

    @Test
    void chainsALateCommitInItsPlace() throws SQLException {
        store.appendAt(1, "fund-a", 0, T);
        store.appendAt(3, "fund-b", 0, T);
        assertThat(appender.appendAll(), equalTo(1));

        store.appendAt(2, "fund-a", 1, T);

        assertThat(appender.appendAll(), equalTo(2));
        assertThat(chainedIndexes(), contains(1L, 2L, 3L));
        assertThat(new ChainVerifier(clock).verify(store.dataSource).intact(), is(true));
    }

    @Test
    void hashesAreThoseOfTheDocumentedFormula() throws SQLException {
        store.appendAt(1, "fund-a", 0, T);
        appender.appendAll();
        StoredEvent event = new StoredEvent(1, "Fund", "fund-a", 0,
                store.value(String.class, "SELECT eventidentifier FROM domainevententry"), "Example", "1",
                T.toString(), "{}".getBytes(), null);

        String stored = store.value(String.class, "SELECT hash FROM event_hash_chain WHERE global_index = 1");

        assertThat(stored, equalTo(HashChain.next(HashChain.GENESIS, event)));
    }

    private List<Long> chainedIndexes() {
        return store.values(Long.class, "SELECT global_index FROM event_hash_chain ORDER BY chain_position");
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
