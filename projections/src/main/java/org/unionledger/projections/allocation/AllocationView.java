package org.unionledger.projections.allocation;

import java.time.Instant;

/**
 * A fund-to-fund transfer and where it stands. RESERVED: held in the source; ACCEPTED: the target
 * knows it is coming (pending); SENT: left the source, in transit; RECEIVED: the target's own;
 * REFUSED: the target refused and the source's reservation was released.
 */
public record AllocationView(String allocationId, Kind kind, String clawbackOf, String sourceFundId,
                             String sourceOrgId, String targetFundId, String targetOrgId, long amountFen,
                             Status status, String refusalReason, String clawbackId, long clawedBackFen,
                             long drawnDownFen, long unusedFen, Instant requestedAt, Instant updatedAt) {

    /** Order matters: a status only moves to a later one. */
    public enum Status { RESERVED, ACCEPTED, SENT, RECEIVED, REFUSED }

    public enum Kind { ALLOCATION, CLAWBACK }
}
