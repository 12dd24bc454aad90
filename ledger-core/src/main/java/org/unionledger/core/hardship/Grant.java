package org.unionledger.core.hardship;

/** What a case remembers of one grant: enough to enforce maker-checker, caps and idempotent steps. */
record Grant(String grantId, String fundId, AssistanceType type, long amountFen, int year, String proposedBy,
             GrantStatus status) {

    Grant withStatus(GrantStatus newStatus) {
        return new Grant(grantId, fundId, type, amountFen, year, proposedBy, newStatus);
    }
}
