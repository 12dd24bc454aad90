package org.unionledger.core.hardship;

/** Why a household left the hardship register (解困脱困). */
public enum ExitReason {
    INCOME_ABOVE_THRESHOLD,
    EMPLOYMENT_FOUND,
    HEALTH_RECOVERED,
    CHILDREN_FINISHED_EDUCATION,
    MOVED_AWAY,
    DECEASED,
    OTHER
}
