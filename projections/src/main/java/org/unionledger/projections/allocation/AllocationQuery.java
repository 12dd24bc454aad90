package org.unionledger.projections.allocation;

/** One allocation (or clawback) by id; answered with an {@link AllocationView}, or null. */
public record AllocationQuery(String allocationId) {
}
