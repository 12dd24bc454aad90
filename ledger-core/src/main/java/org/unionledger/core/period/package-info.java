/**
 * Accounting periods: an organisation closes its books month by month; a closed period accepts
 * no money dated inside it, and corrections are reversals dated in an open period.
 */
package org.unionledger.core.period;
