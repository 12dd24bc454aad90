package org.unionledger.core.hardship;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.unionledger.core.fund.FundType;

/**
 * Commands on one hardship household's case. The acting person (case worker, approver) comes from
 * the command's metadata ({@code principal}), never from the body.
 */
public final class HardshipCommands {

    private HardshipCommands() {
    }

    /**
     * Register a household (建档). The required checks and the yearly caps come from configuration
     * (ledger.hardship.*) and are fixed on the case, so later configuration changes do not rewrite
     * history.
     *
     * @param requiredChecks departments that must each pass a check, e.g. CIVIL_AFFAIRS, HOUSING
     * @param yearlyCapsFen  per assistance type, the most one household may be granted per year;
     *                       a type without a cap is limited only by the fund
     */
    public record RegisterHardshipCase(@TargetAggregateIdentifier String caseId, String memberId, String orgId,
                                       int householdSize, long monthlyIncomePerHeadFen, Set<HardshipCause> causes,
                                       List<String> requiredChecks, Map<AssistanceType, Long> yearlyCapsFen,
                                       LocalDate registeredOn) {
    }

    /** One department's check of the household: passed or failed, with a note. */
    public record RecordVerificationCheck(@TargetAggregateIdentifier String caseId, String department,
                                          boolean passed, String note, LocalDate checkedOn) {
    }

    /** Mark the household as in deep hardship (深度困难), with its hardship certificate number. */
    public record FlagDeepHardship(@TargetAggregateIdentifier String caseId, String certificateNumber,
                                   LocalDate flaggedOn) {
    }

    /** The yearly review of a household's situation. */
    public record RecordAnnualReview(@TargetAggregateIdentifier String caseId, int year, int householdSize,
                                     long monthlyIncomePerHeadFen, String note, LocalDate reviewedOn) {
    }

    /** The household has left hardship. */
    public record ExitHardship(@TargetAggregateIdentifier String caseId, ExitReason reason, String note,
                               LocalDate exitedOn) {
    }

    /** An exited household falls back into hardship: it is checked again before any grant. */
    public record ReenterHardship(@TargetAggregateIdentifier String caseId, Set<HardshipCause> causes,
                                  List<String> requiredChecks, String note, LocalDate reenteredOn) {
    }

    /**
     * A case worker proposes assistance (the maker). Cash grants give {@code cashAmountFen};
     * goods give {@code goods} (valued at quantity x unit value) and no cash.
     *
     * @param fundId   the hardship fund the money comes from
     * @param fundType that fund's type as it was opened (the API reads it from the fund's events); a
     *                 grant is paid from a HARDSHIP fund only
     * @param childId  for education grants: the opaque id of the child it is for
     */
    public record ProposeGrant(@TargetAggregateIdentifier String caseId, String grantId, String fundId,
                               FundType fundType, AssistanceType type, long cashAmountFen, InKindGoods goods,
                               String childId, String note, LocalDate proposedOn) {
    }

    /** Another person approves a proposed grant (the checker). */
    public record ApproveGrant(@TargetAggregateIdentifier String caseId, String grantId, LocalDate approvedOn) {
    }

    /** Another person turns a proposed grant down, with a reason (the checker's decision is a fact). */
    public record RejectGrant(@TargetAggregateIdentifier String caseId, String grantId, String reason,
                              LocalDate rejectedOn) {
    }

    /** Try again to reserve the money of a grant that was awaiting funds. */
    public record RetryGrantReservation(@TargetAggregateIdentifier String caseId, String grantId) {
    }

    /** Sent by the grant policy: the hardship fund holds the grant's money. */
    public record RecordGrantReserved(@TargetAggregateIdentifier String caseId, String grantId, String fundId,
                                      String reservationId) {
    }

    /** Sent by the grant policy: the hardship fund refused the reservation (usually: not enough money). */
    public record MarkGrantAwaitingFunds(@TargetAggregateIdentifier String caseId, String grantId,
                                         String reasonCode, String message) {
    }

    /** Sent by the grant policy: the fund paid the grant out. */
    public record RecordGrantPaid(@TargetAggregateIdentifier String caseId, String grantId, String fundId,
                                  String paymentReference, LocalDate paidOn) {
    }
}
