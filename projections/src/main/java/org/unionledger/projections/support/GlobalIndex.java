package org.unionledger.projections.support;

import org.axonframework.eventhandling.TrackingToken;

/** The position of an event in the global event stream, as far as a tracking token tells it. */
public final class GlobalIndex {

    private GlobalIndex() {
    }

    /** The event's global index, or -1 when the token does not carry a position. */
    public static long of(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        return token.position().orElse(-1L);
    }
}
