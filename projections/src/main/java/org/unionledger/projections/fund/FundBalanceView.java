package org.unionledger.projections.fund;

import java.time.Instant;

/**
 * A fund's money as the read side knows it. {@code asOfSequence} is the last event of the fund
 * applied, so a client can tell whether its own write is visible yet. {@code pendingInFen} is
 * allocation money accepted from another fund but not yet settled: it is not in available or in.
 */
public record FundBalanceView(String fundId, String orgId, String name, String fundType, long availableFen,
                              long reservedFen, long inFen, long outFen, long asOfSequence, Instant updatedAt,
                              long pendingInFen) {
}
