package org.unionledger.core.hardship;

/**
 * Where a household stands: registered and awaiting its checks, verified (may receive grants),
 * or exited from hardship. Re-entry brings an exited case back to REGISTERED: it is checked again.
 */
public enum CaseStatus {
    REGISTERED,
    VERIFIED,
    EXITED
}
