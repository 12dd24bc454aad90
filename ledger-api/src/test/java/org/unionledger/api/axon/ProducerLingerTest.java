package org.unionledger.api.axon;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.instanceOf;

import java.time.Duration;
import java.util.stream.Stream;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.unionledger.api.support.ApiTest;
import org.unionledger.projections.support.LedgerJdbcEventStorageEngine;

/**
 * The event store's producer lingers at the head of the store: after a read that found less than a
 * full batch, its next read waits until the linger has passed, so that events committed meanwhile
 * reach the processors together (docs/PERFORMANCE.md, setting 59). Each test thread is a producer
 * of its own here: the engine keeps a producer's state per thread. Without the linger the two reads
 * take a few milliseconds together on a quiet machine (2.8 ms measured), well under the 20 ms linger.
 */
@ApiTest
class ProducerLingerTest {

    @Autowired
    EventStorageEngine engine;

    @Value(AxonConfiguration.PRODUCER_LINGER_MS)
    long lingerMs;

    @Test
    void aSecondReadAtTheHeadWaitsForTheLinger() {
        assertThat(engine, instanceOf(LedgerJdbcEventStorageEngine.class));
        assertThat(lingerMs, greaterThanOrEqualTo(1L));
        TrackingToken head = engine.createHeadToken();
        // The linger counts from the moment the first read found less than a batch, somewhere inside
        // the first drain (the drain then still looks past a hole): so from the drain's start, not its
        // end. Measured from its end, a machine slow in that last look made the wait seem shorter.
        long beforeFirst = System.nanoTime();
        drain(engine.readEvents(head, true));
        drain(engine.readEvents(head, true));
        long bothReads = System.nanoTime() - beforeFirst;
        assertThat(bothReads, greaterThanOrEqualTo(Duration.ofMillis(lingerMs).toNanos()));
    }

    private static void drain(Stream<?> events) {
        try (events) {
            events.forEach(event -> { });
        }
    }
}
