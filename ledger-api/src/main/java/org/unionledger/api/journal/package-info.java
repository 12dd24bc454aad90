/**
 * The books for finance officers and auditors: journal and trial balance, closed accounting
 * periods, point-in-time balances, bank reconciliation, exports, and the verify tool.
 */
package org.unionledger.api.journal;
