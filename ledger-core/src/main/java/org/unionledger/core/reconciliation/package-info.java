/**
 * Bank reconciliation: a fund's bank statement for a month, and the exceptions a finance officer
 * resolved with a note. Matching lines to the ledger is done by the read side.
 */
package org.unionledger.core.reconciliation;
