package org.unionledger.projections.audit;

import java.time.Instant;

/**
 * The chain head at the end of an accounting period (a month), for publication: whoever holds
 * this line can later check that no event up to {@code lastGlobalIndex} was altered.
 *
 * @param period          the month, e.g. 2026-03
 * @param periodEnd       the instant the period ended (midnight at the start of the next month,
 *                        in the books' time zone)
 * @param chainPosition   how many events the chain holds up to the head (0: none yet)
 * @param lastGlobalIndex global index of the head event (0: none yet)
 * @param headHash        the chain hash after that event (the genesis hash when none)
 * @param settled           true when the chain has passed the period end, so the digest will not change
 */
public record PeriodDigest(String period, Instant periodEnd, long chainPosition, long lastGlobalIndex,
                           String headHash, boolean settled) {
}
