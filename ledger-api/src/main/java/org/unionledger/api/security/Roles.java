package org.unionledger.api.security;

/** The roles of the ledger, as used in {@code @PreAuthorize} expressions. */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String FINANCE_OFFICER = "FINANCE_OFFICER";
    public static final String CLAIMS_REVIEWER = "CLAIMS_REVIEWER";
    public static final String CASE_WORKER = "CASE_WORKER";
    public static final String AUDITOR = "AUDITOR";
    public static final String MEMBER = "MEMBER";

    /** Staff who may read fund money. */
    public static final String READ_FUNDS = "hasAnyRole('ADMIN','FINANCE_OFFICER','CLAIMS_REVIEWER','CASE_WORKER','AUDITOR')";
    /** Staff who may move money into or out of funds. */
    public static final String MOVE_MONEY = "hasAnyRole('ADMIN','FINANCE_OFFICER')";

    /** Who may read the audit trail: hash chain, digests, payout traces. */
    public static final String AUDIT = "hasAnyRole('ADMIN','AUDITOR')";

    private Roles() {
    }
}
