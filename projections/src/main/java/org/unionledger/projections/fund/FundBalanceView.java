package org.unionledger.projections.fund;

import java.time.Instant;

/**
 * A fund's money as the read side knows it. {@code asOfSequence} is the last event of the fund
 * applied, so a client can tell whether its own write is visible yet.
 */
public record FundBalanceView(String fundId, String orgId, String name, String fundType, long availableFen,
                              long reservedFen, long inFen, long outFen, long asOfSequence, Instant updatedAt) {
}
