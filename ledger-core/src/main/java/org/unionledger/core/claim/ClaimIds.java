package org.unionledger.core.claim;

import java.time.LocalDate;
import java.util.Locale;

import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.core.rule.Ids;

/** Derived ids of the claims work: uniqueness keys and payout reservations. */
public final class ClaimIds {

    /** Leaves room for "claim:" + id + ":" + attempt inside the 100-character id limit. */
    public static final int CLAIM_ID_LENGTH_MAX = 60;
    public static final int INVOICE_NUMBER_LENGTH_MAX = 60;

    private ClaimIds() {
    }

    public static String requireValidClaimId(String claimId) {
        Ids.requireValid("claimId", claimId);
        BusinessRuleViolation.require(claimId.length() <= CLAIM_ID_LENGTH_MAX, "CLAIM_ID_MUST_BE_SHORT",
                "a claim id has at most " + CLAIM_ID_LENGTH_MAX + " characters");
        return claimId;
    }

    /** Invoice numbers are compared without case, spaces or punctuation: "fp 2019-001" = "FP2019001". */
    public static String normalisedInvoiceNumber(String invoiceNumber) {
        String normalised = invoiceNumber == null ? ""
                : invoiceNumber.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        BusinessRuleViolation.require(!normalised.isEmpty() && normalised.length() <= INVOICE_NUMBER_LENGTH_MAX,
                "INVOICE_NUMBER_REQUIRED", "a claim needs its settlement invoice number (letters and digits, at most "
                        + INVOICE_NUMBER_LENGTH_MAX + ")");
        return normalised;
    }

    /** One registration per invoice across all pools. */
    public static String invoiceKey(String invoiceNumber) {
        return "invoice:" + normalisedInvoiceNumber(invoiceNumber);
    }

    /** One maternity benefit per birth: per member and date of birth, across all pools. */
    public static String birthKey(String memberId, LocalDate dateOfBirth) {
        return "birth:" + memberId + ":" + dateOfBirth;
    }

    /** The payout's reservation on the pool's fund; attempt 2 onwards after a returned payment. */
    public static String reservationId(String claimId, int attempt) {
        return attempt <= 1 ? "claim:" + claimId : "claim:" + claimId + ":" + attempt;
    }
}
