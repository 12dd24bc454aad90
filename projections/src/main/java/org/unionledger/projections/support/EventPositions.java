package org.unionledger.projections.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * The global index of every event that filled a gap, by the token the event store gave it.
 *
 * <p>Axon's gap-aware token keeps the highest index seen, so the token of an event that committed
 * after a later one (it filled a gap) does not tell the event's own index. Every other token does:
 * the event store ({@link LedgerJdbcEventStorageEngine}) builds it from the event's index.
 * The store records the gap fillers here as it reads them, keyed by the token object itself (by
 * identity, weakly), so an entry lives exactly as long as the event's message can be handled.
 */
@Component
public class EventPositions {

    private final Cache<TrackingToken, Long> gapFillers = Caffeine.newBuilder().weakKeys().build();

    /** The event store read an event that filled a gap in {@code token}'s stream. */
    void gapFilled(GapAwareTrackingToken token, long globalIndex) {
        gapFillers.put(token, globalIndex);
    }

    /** The global index of the event that {@code token} (or, in a replay, its current token) was built for. */
    long indexOf(TrackingToken token) {
        TrackingToken current = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        Long filled = current == null ? null : gapFillers.getIfPresent(current);
        return filled != null ? filled : GlobalIndex.highestIndexOf(current);
    }
}
