package org.unionledger.core.subsidy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on an inclusive-benefit subsidy program. */
public final class SubsidyCommands {

    private SubsidyCommands() {
    }

    /**
     * Launch a program of an organisation. Its money lives in the fund
     * {@link SubsidyProgram#fundIdOf(String)}, of type SUBSIDY, opened beside it.
     *
     * @param courseCodes the qualifying courses for ENROLLED_IN_COURSE; empty means any course
     */
    public record LaunchSubsidyProgram(@TargetAggregateIdentifier String programId, String orgId, String name,
                                       AmountRule amountRule, long amountPerPersonFen,
                                       Set<EligibilityCriterion> criteria, Set<String> courseCodes) {
    }

    /** Money from one source arrived in the program's fund: the budget grows by it. Idempotent. */
    public record RecordProgramFunding(@TargetAggregateIdentifier String programId, String fundingId,
                                       FundingSource source, long amountFen) {
    }

    /**
     * A member applies (recorded by staff). The grant id is derived from program and member, so a
     * member has one grant per program at most.
     *
     * @param memberOrgAncestors the member's organisation and all above it, as the org tree says
     * @param requestedAmountFen what the member asks under a CAP rule; ignored under FIXED (0)
     */
    public record ApplyForSubsidy(@TargetAggregateIdentifier String programId, String applicationId, String memberId,
                                  String memberOrgId, List<String> memberOrgAncestors, String courseCode,
                                  boolean frontlineWorker, long requestedAmountFen) {
    }

    /** Approve an application: commits budget; the approver must not be who recorded it. */
    public record ApproveSubsidyApplication(@TargetAggregateIdentifier String programId, String applicationId) {
    }

    /** Reject an application, with the reason; the member cannot apply to the program again. */
    public record RejectSubsidyApplication(@TargetAggregateIdentifier String programId, String applicationId,
                                           String reason) {
    }

    /** Pay an approved grant in cash or as a voucher. Idempotent. */
    public record PaySubsidyGrant(@TargetAggregateIdentifier String programId, String applicationId,
                                  PaymentMethod method, String paymentReference, LocalDate paidOn) {
    }

    /** The fund refused to hold money for an approved grant (sent by the subsidy policy). */
    public record MarkGrantAwaitingFunds(@TargetAggregateIdentifier String programId, String applicationId,
                                         String code) {
    }
}
