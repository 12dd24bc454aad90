package org.unionledger.projections.hardship;

import org.unionledger.core.hardship.HardshipCause;

/**
 * The register, filtered: status REGISTERED, VERIFIED, EXITED or ACTIVE (not exited), a cause,
 * an organisation; null means any. At most {@code limit} rows (capped at 500), counts cover all.
 */
public record HardshipRegisterQuery(String status, HardshipCause cause, String orgId, int limit) {
}
