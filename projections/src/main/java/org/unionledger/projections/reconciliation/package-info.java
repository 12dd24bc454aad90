/** Bank statements per fund and month, matched against the journal's bank movements. */
package org.unionledger.projections.reconciliation;
