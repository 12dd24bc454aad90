package org.unionledger.core.hardship;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.axonframework.serialization.Revision;

/** Facts about hardship households and their assistance. Events are forever: change them only through upcasters. */
public final class HardshipEvents {

    private HardshipEvents() {
    }

    @Revision("1")
    public record HardshipCaseRegistered(String caseId, String memberId, String orgId, int householdSize,
                                         long monthlyIncomePerHeadFen, List<HardshipCause> causes,
                                         List<String> requiredChecks, Map<AssistanceType, Long> yearlyCapsFen,
                                         String registeredBy, LocalDate registeredOn) {
    }

    @Revision("1")
    public record VerificationCheckRecorded(String caseId, String orgId, String department, boolean passed,
                                            String note, String checkedBy, LocalDate checkedOn) {
    }

    /** Every required department passed its check: the household may receive grants. */
    @Revision("1")
    public record HardshipCaseVerified(String caseId, String orgId, LocalDate verifiedOn) {
    }

    @Revision("1")
    public record DeepHardshipFlagged(String caseId, String orgId, String certificateNumber, String flaggedBy,
                                      LocalDate flaggedOn) {
    }

    @Revision("1")
    public record AnnualReviewRecorded(String caseId, String orgId, int year, int householdSize,
                                       long monthlyIncomePerHeadFen, String note, String reviewedBy,
                                       LocalDate reviewedOn) {
    }

    @Revision("1")
    public record HardshipExited(String caseId, String orgId, ExitReason reason, String note, String exitedBy,
                                 LocalDate exitedOn) {
    }

    /** Back in hardship: verification starts again with the given required checks. */
    @Revision("1")
    public record HardshipReentered(String caseId, String orgId, List<HardshipCause> causes,
                                    List<String> requiredChecks, String note, String reenteredBy,
                                    LocalDate reenteredOn) {
    }

    @Revision("1")
    public record GrantProposed(String caseId, String orgId, String grantId, String fundId, AssistanceType type,
                                long amountFen, InKindGoods goods, String childId, String note, int year,
                                String proposedBy, LocalDate proposedOn) {
    }

    /** Approved by a second person; the grant policy now reserves the money on the fund. */
    @Revision("1")
    public record GrantApproved(String caseId, String orgId, String grantId, String fundId, AssistanceType type,
                                long amountFen, int year, String reservationId, String reference,
                                String approvedBy, LocalDate approvedOn) {
    }

    @Revision("1")
    public record GrantRejected(String caseId, String orgId, String grantId, String reason, String rejectedBy,
                                LocalDate rejectedOn) {
    }

    @Revision("1")
    public record GrantReservationRetried(String caseId, String orgId, String grantId, String fundId,
                                          long amountFen, String reservationId, String reference) {
    }

    @Revision("1")
    public record GrantAwaitingFunds(String caseId, String orgId, String grantId, String fundId, long amountFen,
                                     String reasonCode, String message) {
    }

    @Revision("1")
    public record GrantReserved(String caseId, String orgId, String grantId, String fundId, String reservationId) {
    }

    @Revision("1")
    public record GrantPaid(String caseId, String orgId, String grantId, String fundId, AssistanceType type,
                            long amountFen, String paymentReference, LocalDate paidOn) {
    }
}
