/**
 * Read models of mutual-aid claims: one row per claim (member view, review queue, payout
 * statistics) and the member-notice outbox.
 */
package org.unionledger.projections.claim;
