package org.unionledger.core.pool;

/** A member's gender as the member directory knows it; needed for the maternity plan. */
public enum Gender {
    FEMALE,
    MALE,
    UNKNOWN
}
