/** Read model of allocations between funds, their steps, drawdown and clawbacks. */
package org.unionledger.projections.allocation;
