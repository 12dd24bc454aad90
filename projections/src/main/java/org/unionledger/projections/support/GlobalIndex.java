package org.unionledger.projections.support;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;

/**
 * The position of an event in the global event stream. A tracking token alone does not always tell
 * it: when an event fills a gap (its transaction committed after a later event's), Axon's
 * gap-aware token keeps the highest index seen. {@link EventPositionInterceptor} resolves the
 * event's own index before the handlers run; this class hands it to them.
 */
public final class GlobalIndex {

    private static final ThreadLocal<Long> CURRENT = new ThreadLocal<>();

    private GlobalIndex() {
    }

    /** The global index of the event being handled on this thread, or -1 when unknown. */
    public static long of(TrackingToken token) {
        Long resolved = CURRENT.get();
        if (resolved != null) {
            return resolved;
        }
        return highestIndexOf(token);
    }

    static void set(long globalIndex) {
        CURRENT.set(globalIndex);
    }

    static void clear() {
        CURRENT.remove();
    }

    /** The highest global index a token has seen (the event's own index unless it filled a gap). */
    static long highestIndexOf(TrackingToken token) {
        TrackingToken current = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex();
        }
        return current == null ? -1 : current.position().orElse(-1L);
    }
}
