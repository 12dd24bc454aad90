package org.unionledger.core.pool;

/**
 * The deterministic id of a member's coverage under one plan in one period. Because the id is
 * derived, enrolling the same member twice creates the same aggregate twice, which the event store
 * refuses: a member enrols at most once per plan and period, however often a file is imported.
 */
public final class CoverageIds {

    private CoverageIds() {
    }

    public static String of(String poolId, String planCode, String periodId, String memberId) {
        return "cov:" + poolId + ":" + planCode + ":" + periodId + ":" + memberId;
    }

    /** The reservation on the union's own fund that pays for gifted coverage. */
    public static String giftReservationOf(String coverageId) {
        return "gift:" + coverageId;
    }
}
