package org.unionledger.api.hardship;

/** Who may do what with hardship cases, as {@code @PreAuthorize} expressions. */
final class HardshipRoles {

    /** Register, verify, review, exit, re-enter, propose grants. */
    static final String CASEWORK = "hasRole('CASE_WORKER')";
    /** Approve a grant: a case worker or an admin other than the proposer (the aggregate checks who). */
    static final String APPROVE = "hasAnyRole('CASE_WORKER','ADMIN')";
    /** Pay a grant out of the hardship fund. */
    static final String PAY = "hasAnyRole('FINANCE_OFFICER','ADMIN')";
    /** Ask the fund again for the money of a grant awaiting funds. */
    static final String RETRY_RESERVATION = "hasAnyRole('CASE_WORKER','FINANCE_OFFICER','ADMIN')";
    /** Read cases, the register and the statistics. */
    static final String READ = "hasAnyRole('ADMIN','FINANCE_OFFICER','CASE_WORKER','AUDITOR')";

    private HardshipRoles() {
    }
}
