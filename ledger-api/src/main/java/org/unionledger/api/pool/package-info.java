/**
 * The mutual-aid pool over HTTP: pools, plans, periods, enrolments (one at a time and as CSV
 * imports) and coverage statistics. See docs/pool.md for the enrolment design.
 */
package org.unionledger.api.pool;
