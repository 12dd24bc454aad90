package org.unionledger.api.subsidy;

/** Who may do what with subsidy programs ({@code @PreAuthorize} expressions). */
final class SubsidyRoles {

    /** Record a member's application: staff who meet members. */
    static final String APPLY = "hasAnyRole('ADMIN','FINANCE_OFFICER','CASE_WORKER','CLAIMS_REVIEWER')";
    /** Approve or reject an application: the checker, never the one who recorded it. */
    static final String DECIDE = "hasAnyRole('ADMIN','FINANCE_OFFICER','CLAIMS_REVIEWER')";

    private SubsidyRoles() {
    }
}
