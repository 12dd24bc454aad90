/**
 * The audit trail's foundations: a tamper-evident SHA-256 hash chain over the event store in global
 * order (appended off the commands' path), its verifier, and period digests for publication.
 * Plain JDBC over any DataSource, so the verifier also runs from the command line and against
 * scratch schemas in tests. See docs/audit.md.
 */
package org.unionledger.projections.audit;
