/**
 * Allocations down the organisation tree: a fund-to-fund transfer in two phases across two fund
 * aggregates, driven by {@link org.unionledger.core.allocation.AllocationPolicy}.
 */
package org.unionledger.core.allocation;
