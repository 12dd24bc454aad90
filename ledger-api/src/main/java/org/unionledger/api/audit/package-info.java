/**
 * The auditor's view: the hash chain's appender (off the commands' path), its verification,
 * period digests for publication, and the payout trace. Read-only for auditors. See docs/audit.md.
 */
package org.unionledger.api.audit;
