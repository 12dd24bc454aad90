package org.unionledger.core.subsidy;

import java.time.LocalDate;
import java.util.Set;

import org.axonframework.serialization.Revision;

/** Facts about subsidy programs. Members appear by opaque id only. */
public final class SubsidyEvents {

    private SubsidyEvents() {
    }

    @Revision("1")
    public record SubsidyProgramLaunched(String programId, String orgId, String name, String fundId,
                                         AmountRule amountRule, long amountPerPersonFen,
                                         Set<EligibilityCriterion> criteria, Set<String> courseCodes) {
    }

    @Revision("1")
    public record ProgramFundingRecorded(String programId, String orgId, String fundingId, FundingSource source,
                                         long amountFen, long budgetFen) {
    }

    @Revision("1")
    public record SubsidyApplied(String programId, String applicationId, String grantId, String memberId,
                                 String memberOrgId, long amountFen, String appliedBy) {
    }

    @Revision("1")
    public record SubsidyGranted(String programId, String orgId, String applicationId, String grantId,
                                 String memberId, String memberOrgId, long amountFen, String fundId,
                                 String approvedBy, long committedFen, long budgetFen) {
    }

    @Revision("1")
    public record SubsidyApplicationRejected(String programId, String applicationId, String grantId, String memberId,
                                             String reason, String rejectedBy) {
    }

    @Revision("1")
    public record SubsidyPaid(String programId, String orgId, String applicationId, String grantId, String memberId,
                              String memberOrgId, long amountFen, String fundId, PaymentMethod method,
                              String paymentReference, LocalDate paidOn) {
    }

    @Revision("1")
    public record GrantAwaitingFunds(String programId, String applicationId, String grantId, String code) {
    }
}
