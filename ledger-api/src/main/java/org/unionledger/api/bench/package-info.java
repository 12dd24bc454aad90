/**
 * The benchmark harness (scripts/bench) and the demo loader (scripts/demo): the ledger against raw
 * PostgreSQL on the same database in the same run, and a seeded generator of one city-year of data.
 * Not used by the running ledger; see docs/PERFORMANCE.md.
 */
package org.unionledger.api.bench;
