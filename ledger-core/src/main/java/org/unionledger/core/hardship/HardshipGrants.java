package org.unionledger.core.hardship;

import org.unionledger.core.rule.Ids;

/**
 * How a grant is named on the hardship fund. Both are derived from the case and grant ids, so a
 * redelivered event reserves or pays the same money again, which the fund recognises.
 */
public final class HardshipGrants {

    /** Case and grant ids may contain ':' but never '/', so the reference splits unambiguously. */
    private static final String SEPARATOR = "/";

    private HardshipGrants() {
    }

    /** The fund's reservation id for a grant; must itself be a well-formed id (at most 100 characters). */
    public static String reservationId(String caseId, String grantId) {
        return Ids.requireValid("reservationId", "hardship-grant:" + caseId + ":" + grantId);
    }

    /** The reservation's reference: which case and grant the money is held for. */
    public static String reference(String caseId, String grantId) {
        return caseId + SEPARATOR + grantId;
    }

    /** The case and grant of a reference made by {@link #reference}, or null when it is not one. */
    public static String[] caseAndGrant(String reference) {
        if (reference == null) {
            return null;
        }
        int at = reference.indexOf(SEPARATOR);
        if (at <= 0 || at == reference.length() - 1 || reference.indexOf(SEPARATOR, at + 1) >= 0) {
            return null;
        }
        return new String[] {reference.substring(0, at), reference.substring(at + 1)};
    }
}
