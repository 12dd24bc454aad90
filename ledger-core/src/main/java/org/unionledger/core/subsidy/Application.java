package org.unionledger.core.subsidy;

/** One member's application to a program and where it stands; kept by the program. */
record Application(String applicationId, String grantId, String memberId, String memberOrgId, long amountFen,
                   String appliedBy, Status status) {

    enum Status { APPLIED, APPROVED, REJECTED, PAID, AWAITING_FUNDS }

    Application with(Status newStatus) {
        return new Application(applicationId, grantId, memberId, memberOrgId, amountFen, appliedBy, newStatus);
    }
}
