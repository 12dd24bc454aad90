package org.unionledger.core.subsidy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.unionledger.core.metadata.LedgerMetadata;
import org.unionledger.core.money.Money;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.core.rule.Ids;
import org.unionledger.core.subsidy.SubsidyCommands.ApplyForSubsidy;
import org.unionledger.core.subsidy.SubsidyCommands.ApproveSubsidyApplication;
import org.unionledger.core.subsidy.SubsidyCommands.LaunchSubsidyProgram;
import org.unionledger.core.subsidy.SubsidyCommands.MarkGrantAwaitingFunds;
import org.unionledger.core.subsidy.SubsidyCommands.PaySubsidyGrant;
import org.unionledger.core.subsidy.SubsidyCommands.RecordProgramFunding;
import org.unionledger.core.subsidy.SubsidyCommands.RejectSubsidyApplication;
import org.unionledger.core.subsidy.SubsidyEvents.GrantAwaitingFunds;
import org.unionledger.core.subsidy.SubsidyEvents.ProgramFundingRecorded;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyApplicationRejected;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyApplied;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyGranted;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyPaid;
import org.unionledger.core.subsidy.SubsidyEvents.SubsidyProgramLaunched;

/**
 * An inclusive-benefit subsidy program (a tuition subsidy, health checks, recuperation trips).
 * Its budget is the money actually received into its fund, by source; approvals commit budget
 * and can never commit more than it (BUDGET_MUST_COVER_GRANT), before any money is reserved.
 * A member gets at most one grant per program: the grant id is "sub:" + programId + ":" + memberId.
 * The subsidy policy reserves the money of an approved grant in the program's fund and disburses
 * it when the grant is paid.
 */
public class SubsidyProgram {

    /** Most applications one program takes: a program is one aggregate and stays loadable. */
    public static final int APPLICATIONS_MAX = 50_000;

    @AggregateIdentifier
    private String programId;
    private String orgId;
    private String fundId;
    private AmountRule amountRule;
    private long amountPerPersonFen;
    private Set<EligibilityCriterion> criteria = EnumSet.noneOf(EligibilityCriterion.class);
    private Set<String> courseCodes = new HashSet<>();
    private long budgetFen;
    private long committedFen;
    private final Set<String> fundingIds = new HashSet<>();
    private final Map<String, Application> applications = new HashMap<>();
    /** memberId to applicationId: one application per member and program. */
    private final Map<String, String> applicationOfMember = new HashMap<>();

    protected SubsidyProgram() {
        // Axon rebuilds the program from its events.
    }

    /** The fund holding a program's money. */
    public static String fundIdOf(String programId) {
        return "subsidy:" + programId;
    }

    public static String grantIdOf(String programId, String memberId) {
        return "sub:" + programId + ":" + memberId;
    }

    @CommandHandler
    public SubsidyProgram(LaunchSubsidyProgram command) {
        Ids.requireValid("programId", command.programId());
        Ids.requireValid("orgId", command.orgId());
        BusinessRuleViolation.require(command.name() != null && !command.name().isBlank(), "PROGRAM_NAME_REQUIRED",
                "a program needs a name");
        BusinessRuleViolation.require(command.amountRule() != null, "AMOUNT_RULE_REQUIRED",
                "a program needs an amount rule: FIXED or CAP");
        Money.positiveAmount(command.amountPerPersonFen());
        BusinessRuleViolation.require(command.criteria() == null
                        || command.criteria().stream().noneMatch(Objects::isNull),
                "ELIGIBILITY_CRITERION_REQUIRED", "a listed eligibility criterion is empty");
        BusinessRuleViolation.require(command.courseCodes() == null
                        || command.courseCodes().stream().noneMatch(Objects::isNull),
                "COURSE_CODE_REQUIRED", "a listed course code is empty");
        Set<EligibilityCriterion> criteria = command.criteria() == null || command.criteria().isEmpty()
                ? EnumSet.of(EligibilityCriterion.MEMBER_OF_ORG_IN_SCOPE) : EnumSet.copyOf(command.criteria());
        Set<String> courses = command.courseCodes() == null ? Set.of() : Set.copyOf(command.courseCodes());
        apply(new SubsidyProgramLaunched(command.programId(), command.orgId(), command.name().strip(),
                fundIdOf(command.programId()), command.amountRule(), command.amountPerPersonFen(), criteria, courses));
    }

    @CommandHandler
    public void handle(RecordProgramFunding command) {
        Ids.requireValid("fundingId", command.fundingId());
        Money amount = Money.positiveAmount(command.amountFen());
        BusinessRuleViolation.require(command.source() != null, "FUNDING_SOURCE_REQUIRED", "funding needs a source");
        if (fundingIds.contains(command.fundingId())) {
            return;
        }
        Money budget = Money.ofFen(budgetFen).plus(amount);
        apply(new ProgramFundingRecorded(programId, orgId, command.fundingId(), command.source(), amount.fen(),
                budget.fen()));
    }

    @CommandHandler
    public String handle(ApplyForSubsidy command, @MetaDataValue(LedgerMetadata.PRINCIPAL) String principal) {
        Ids.requireValid("applicationId", command.applicationId());
        Ids.requireValid("memberId", command.memberId());
        Application earlier = applications.get(command.applicationId());
        if (earlier != null) {
            BusinessRuleViolation.require(earlier.memberId().equals(command.memberId()), "APPLICATION_ID_REUSED",
                    "application " + command.applicationId() + " is for another member");
            return earlier.grantId();
        }
        BusinessRuleViolation.require(!applicationOfMember.containsKey(command.memberId()),
                "ONE_GRANT_PER_MEMBER_PER_PROGRAM", "member " + command.memberId() + " already applied to program "
                        + programId + " (application " + applicationOfMember.get(command.memberId()) + ")");
        BusinessRuleViolation.require(applications.size() < APPLICATIONS_MAX, "PROGRAM_MUST_HAVE_ROOM",
                "program " + programId + " takes at most " + APPLICATIONS_MAX + " applications");
        checkEligible(command);
        long amountFen = grantAmount(command.requestedAmountFen());
        String grantId = grantIdOf(programId, command.memberId());
        apply(new SubsidyApplied(programId, command.applicationId(), grantId, command.memberId(),
                command.memberOrgId(), amountFen, principal));
        return grantId;
    }

    private void checkEligible(ApplyForSubsidy command) {
        if (criteria.contains(EligibilityCriterion.MEMBER_OF_ORG_IN_SCOPE)) {
            BusinessRuleViolation.require(command.memberOrgAncestors() != null
                            && command.memberOrgAncestors().contains(orgId), "MEMBER_MUST_BELONG_TO_PROGRAM_SCOPE",
                    "member's organisation " + command.memberOrgId() + " is not inside " + orgId);
        }
        if (criteria.contains(EligibilityCriterion.ENROLLED_IN_COURSE)) {
            String course = command.courseCode();
            BusinessRuleViolation.require(course != null && !course.isBlank()
                            && (courseCodes.isEmpty() || courseCodes.contains(course)),
                    "MEMBER_MUST_BE_ENROLLED_IN_QUALIFYING_COURSE", "course " + course + " does not qualify");
        }
        if (criteria.contains(EligibilityCriterion.FRONTLINE_WORKER)) {
            BusinessRuleViolation.require(command.frontlineWorker(), "MEMBER_MUST_BE_FRONTLINE_WORKER",
                    "the program is for frontline workers");
        }
    }

    private long grantAmount(long requestedAmountFen) {
        if (amountRule == AmountRule.FIXED) {
            BusinessRuleViolation.require(requestedAmountFen == 0 || requestedAmountFen == amountPerPersonFen,
                    "GRANT_MUST_EQUAL_FIXED_AMOUNT", "the program grants exactly " + Money.ofFen(amountPerPersonFen));
            return amountPerPersonFen;
        }
        Money requested = Money.positiveAmount(requestedAmountFen);
        BusinessRuleViolation.require(Money.ofFen(amountPerPersonFen).isAtLeast(requested), "GRANT_MUST_NOT_EXCEED_CAP",
                "the program grants at most " + Money.ofFen(amountPerPersonFen) + " per person");
        return requested.fen();
    }

    @CommandHandler
    public String handle(ApproveSubsidyApplication command, @MetaDataValue(LedgerMetadata.PRINCIPAL) String principal) {
        Application application = existing(command.applicationId());
        if (application.status() == Application.Status.APPROVED || application.status() == Application.Status.PAID) {
            return application.grantId();
        }
        requireDecidable(application, principal);
        Money committed = Money.ofFen(committedFen).plus(Money.ofFen(application.amountFen()));
        BusinessRuleViolation.require(Money.ofFen(budgetFen).isAtLeast(committed), "BUDGET_MUST_COVER_GRANT",
                "program " + programId + " has " + Money.ofFen(budgetFen - committedFen) + " of budget left, the grant is "
                        + Money.ofFen(application.amountFen()));
        apply(new SubsidyGranted(programId, orgId, application.applicationId(), application.grantId(),
                application.memberId(), application.memberOrgId(), application.amountFen(), fundId, principal,
                committed.fen(), budgetFen));
        return application.grantId();
    }

    @CommandHandler
    public void handle(RejectSubsidyApplication command, @MetaDataValue(LedgerMetadata.PRINCIPAL) String principal) {
        Application application = existing(command.applicationId());
        if (application.status() == Application.Status.REJECTED) {
            return;
        }
        requireDecidable(application, principal);
        BusinessRuleViolation.require(command.reason() != null && !command.reason().isBlank(),
                "REJECTION_REASON_REQUIRED", "a rejection states its reason");
        apply(new SubsidyApplicationRejected(programId, application.applicationId(), application.grantId(),
                application.memberId(), command.reason(), principal));
    }

    private void requireDecidable(Application application, String principal) {
        BusinessRuleViolation.require(application.status() == Application.Status.APPLIED,
                "APPLICATION_MUST_BE_PENDING", "application " + application.applicationId() + " is already "
                        + application.status());
        BusinessRuleViolation.require(principal != null && !principal.isBlank(), "PRINCIPAL_REQUIRED",
                "a decision needs the acting principal");
        BusinessRuleViolation.require(!principal.equals(application.appliedBy()),
                "APPROVER_MUST_DIFFER_FROM_APPLICANT", principal + " recorded this application and cannot decide it");
    }

    @CommandHandler
    public String handle(PaySubsidyGrant command) {
        Application application = existing(command.applicationId());
        if (application.status() == Application.Status.PAID) {
            return application.grantId();
        }
        BusinessRuleViolation.require(application.status() == Application.Status.APPROVED,
                "GRANT_MUST_BE_APPROVED", "application " + application.applicationId() + " is "
                        + application.status());
        BusinessRuleViolation.require(command.method() != null, "PAYMENT_METHOD_REQUIRED",
                "pay in CASH or as a VOUCHER");
        BusinessRuleViolation.require(command.paymentReference() != null && !command.paymentReference().isBlank(),
                "PAYMENT_REFERENCE_REQUIRED", "a payment needs the bank reference or the voucher number");
        BusinessRuleViolation.require(command.paidOn() != null, "PAID_ON_REQUIRED", "paidOn is required");
        apply(new SubsidyPaid(programId, orgId, application.applicationId(), application.grantId(),
                application.memberId(), application.memberOrgId(), application.amountFen(), fundId, command.method(),
                command.paymentReference(), command.paidOn()));
        return application.grantId();
    }

    @CommandHandler
    public void handle(MarkGrantAwaitingFunds command) {
        Application application = existing(command.applicationId());
        if (application.status() != Application.Status.APPROVED) {
            return;
        }
        apply(new GrantAwaitingFunds(programId, application.applicationId(), application.grantId(), command.code()));
    }

    private Application existing(String applicationId) {
        Application application = applicationId == null ? null : applications.get(applicationId);
        if (application == null) {
            throw new BusinessRuleViolation("APPLICATION_MUST_EXIST",
                    "program " + programId + " has no application " + applicationId);
        }
        return application;
    }

    @EventSourcingHandler
    void on(SubsidyProgramLaunched event) {
        programId = event.programId();
        orgId = event.orgId();
        fundId = event.fundId();
        amountRule = event.amountRule();
        amountPerPersonFen = event.amountPerPersonFen();
        criteria = event.criteria().isEmpty() ? EnumSet.noneOf(EligibilityCriterion.class)
                : EnumSet.copyOf(event.criteria());
        courseCodes = new HashSet<>(event.courseCodes());
    }

    @EventSourcingHandler
    void on(ProgramFundingRecorded event) {
        fundingIds.add(event.fundingId());
        budgetFen = event.budgetFen();
    }

    @EventSourcingHandler
    void on(SubsidyApplied event) {
        applications.put(event.applicationId(), new Application(event.applicationId(), event.grantId(),
                event.memberId(), event.memberOrgId(), event.amountFen(), event.appliedBy(),
                Application.Status.APPLIED));
        applicationOfMember.put(event.memberId(), event.applicationId());
    }

    @EventSourcingHandler
    void on(SubsidyGranted event) {
        committedFen = event.committedFen();
        applications.computeIfPresent(event.applicationId(), (id, a) -> a.with(Application.Status.APPROVED));
    }

    @EventSourcingHandler
    void on(SubsidyApplicationRejected event) {
        applications.computeIfPresent(event.applicationId(), (id, a) -> a.with(Application.Status.REJECTED));
    }

    @EventSourcingHandler
    void on(SubsidyPaid event) {
        applications.computeIfPresent(event.applicationId(), (id, a) -> a.with(Application.Status.PAID));
    }

    @EventSourcingHandler
    void on(GrantAwaitingFunds event) {
        applications.computeIfPresent(event.applicationId(), (id, a) -> a.with(Application.Status.AWAITING_FUNDS));
    }
}
