/** Read models of fund money: balances and the contributions received. */
package org.unionledger.projections.fund;
