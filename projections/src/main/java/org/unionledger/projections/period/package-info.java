/** Read model of closed accounting periods per organisation. */
package org.unionledger.projections.period;
