/**
 * The double-entry journal over every fund's money events: balanced postings on a chart of
 * accounts per fund, the trial balance, point-in-time balances and the books as exports.
 */
package org.unionledger.projections.journal;
