package org.unionledger.core.hardship;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.unionledger.core.fund.FundType;
import org.unionledger.core.hardship.HardshipCommands.ApproveGrant;
import org.unionledger.core.hardship.HardshipCommands.ExitHardship;
import org.unionledger.core.hardship.HardshipCommands.FlagDeepHardship;
import org.unionledger.core.hardship.HardshipCommands.MarkGrantAwaitingFunds;
import org.unionledger.core.hardship.HardshipCommands.ProposeGrant;
import org.unionledger.core.hardship.HardshipCommands.RecordAnnualReview;
import org.unionledger.core.hardship.HardshipCommands.RecordGrantPaid;
import org.unionledger.core.hardship.HardshipCommands.RecordGrantReserved;
import org.unionledger.core.hardship.HardshipCommands.RecordVerificationCheck;
import org.unionledger.core.hardship.HardshipCommands.ReenterHardship;
import org.unionledger.core.hardship.HardshipCommands.RegisterHardshipCase;
import org.unionledger.core.hardship.HardshipCommands.RejectGrant;
import org.unionledger.core.hardship.HardshipCommands.RetryGrantReservation;
import org.unionledger.core.hardship.HardshipEvents.AnnualReviewRecorded;
import org.unionledger.core.hardship.HardshipEvents.DeepHardshipFlagged;
import org.unionledger.core.hardship.HardshipEvents.GrantApproved;
import org.unionledger.core.hardship.HardshipEvents.GrantAwaitingFunds;
import org.unionledger.core.hardship.HardshipEvents.GrantPaid;
import org.unionledger.core.hardship.HardshipEvents.GrantProposed;
import org.unionledger.core.hardship.HardshipEvents.GrantRejected;
import org.unionledger.core.hardship.HardshipEvents.GrantReservationRetried;
import org.unionledger.core.hardship.HardshipEvents.GrantReserved;
import org.unionledger.core.hardship.HardshipEvents.HardshipCaseRegistered;
import org.unionledger.core.hardship.HardshipEvents.HardshipCaseVerified;
import org.unionledger.core.hardship.HardshipEvents.HardshipExited;
import org.unionledger.core.hardship.HardshipEvents.HardshipReentered;
import org.unionledger.core.hardship.HardshipEvents.VerificationCheckRecorded;
import org.unionledger.core.money.Money;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.core.rule.Ids;

/**
 * One hardship household (建档困难职工): registration, verification by several departments, deep
 * hardship, annual reviews, exit and re-entry, and the assistance granted to it. The money itself
 * lives in the hardship {@code Fund}; the grant policy moves it when a grant is approved.
 */
public class HardshipCase {

    /** Bounds on what a registration may claim; anything beyond is a typing error. */
    static final int HOUSEHOLD_SIZE_MAX = 30;
    static final int REQUIRED_CHECKS_MAX = 20;
    static final int GRANTS_PER_CASE_MAX = 2_000;

    @AggregateIdentifier
    private String caseId;
    private String orgId;
    private CaseStatus status;
    private List<String> requiredChecks = List.of();
    /** The latest result of each department's check in the current verification round. */
    private final Map<String, Boolean> checks = new HashMap<>();
    private Map<AssistanceType, Long> yearlyCapsFen = Map.of();
    private final Set<Integer> reviewedYears = new java.util.HashSet<>();
    private final Map<String, Grant> grants = new HashMap<>();
    /** Approved amount per type and year ("LIVING_ALLOWANCE:2026"), which the caps limit. */
    private final Map<String, Long> grantedFen = new HashMap<>();

    protected HardshipCase() {
        // Axon rebuilds the case from its events.
    }

    @CommandHandler
    public HardshipCase(RegisterHardshipCase command, @MetaDataValue("principal") String principal) {
        Ids.requireValid("caseId", command.caseId());
        Ids.requireValid("memberId", command.memberId());
        Ids.requireValid("orgId", command.orgId());
        BusinessRuleViolation.require(command.householdSize() >= 1 && command.householdSize() <= HOUSEHOLD_SIZE_MAX,
                "HOUSEHOLD_SIZE_MUST_BE_POSITIVE", "householdSize must be 1 to " + HOUSEHOLD_SIZE_MAX);
        requireIncome(command.monthlyIncomePerHeadFen());
        List<HardshipCause> causes = requireCauses(command.causes());
        List<String> required = requireChecks(command.requiredChecks());
        Map<AssistanceType, Long> caps = new EnumMap<>(AssistanceType.class);
        if (command.yearlyCapsFen() != null) {
            command.yearlyCapsFen().forEach((type, capFen) -> caps.put(type, Money.positiveAmount(capFen).fen()));
        }
        BusinessRuleViolation.require(command.registeredOn() != null, "REGISTERED_ON_REQUIRED",
                "registeredOn is required");
        apply(new HardshipCaseRegistered(command.caseId(), command.memberId(), command.orgId(),
                command.householdSize(), command.monthlyIncomePerHeadFen(), causes, required, caps,
                requirePrincipal(principal), command.registeredOn()));
    }

    @CommandHandler
    public void handle(RecordVerificationCheck command, @MetaDataValue("principal") String principal) {
        requireActive();
        BusinessRuleViolation.require(status == CaseStatus.REGISTERED, "CASE_MUST_AWAIT_VERIFICATION",
                "case " + caseId + " is already verified");
        BusinessRuleViolation.require(requiredChecks.contains(command.department()),
                "CHECK_DEPARTMENT_MUST_BE_REQUIRED",
                "department " + command.department() + " is not one of " + requiredChecks);
        BusinessRuleViolation.require(command.passed() || notBlank(command.note()), "FAILED_CHECK_NEEDS_NOTE",
                "a failed check must say why");
        requireDate(command.checkedOn(), "checkedOn");
        apply(new VerificationCheckRecorded(caseId, orgId, command.department(), command.passed(), command.note(),
                requirePrincipal(principal), command.checkedOn()));
        if (requiredChecks.stream().allMatch(department -> Boolean.TRUE.equals(checks.get(department)))) {
            apply(new HardshipCaseVerified(caseId, orgId, command.checkedOn()));
        }
    }

    @CommandHandler
    public void handle(FlagDeepHardship command, @MetaDataValue("principal") String principal) {
        requireActive();
        BusinessRuleViolation.require(notBlank(command.certificateNumber()) && command.certificateNumber().length() <= 64,
                "CERTIFICATE_NUMBER_REQUIRED", "deep hardship needs a certificate number of at most 64 characters");
        requireDate(command.flaggedOn(), "flaggedOn");
        apply(new DeepHardshipFlagged(caseId, orgId, command.certificateNumber().strip(), requirePrincipal(principal),
                command.flaggedOn()));
    }

    @CommandHandler
    public void handle(RecordAnnualReview command, @MetaDataValue("principal") String principal) {
        requireActive();
        BusinessRuleViolation.require(!reviewedYears.contains(command.year()), "REVIEW_YEAR_ALREADY_RECORDED",
                "case " + caseId + " was already reviewed for " + command.year());
        BusinessRuleViolation.require(command.householdSize() >= 1 && command.householdSize() <= HOUSEHOLD_SIZE_MAX,
                "HOUSEHOLD_SIZE_MUST_BE_POSITIVE", "householdSize must be 1 to " + HOUSEHOLD_SIZE_MAX);
        requireIncome(command.monthlyIncomePerHeadFen());
        requireDate(command.reviewedOn(), "reviewedOn");
        apply(new AnnualReviewRecorded(caseId, orgId, command.year(), command.householdSize(),
                command.monthlyIncomePerHeadFen(), command.note(), requirePrincipal(principal), command.reviewedOn()));
    }

    @CommandHandler
    public void handle(ExitHardship command, @MetaDataValue("principal") String principal) {
        requireActive();
        BusinessRuleViolation.require(command.reason() != null, "EXIT_REASON_REQUIRED", "an exit needs a reason");
        requireDate(command.exitedOn(), "exitedOn");
        apply(new HardshipExited(caseId, orgId, command.reason(), command.note(), requirePrincipal(principal),
                command.exitedOn()));
    }

    @CommandHandler
    public void handle(ReenterHardship command, @MetaDataValue("principal") String principal) {
        BusinessRuleViolation.require(status == CaseStatus.EXITED, "CASE_MUST_BE_EXITED",
                "only an exited household can re-enter hardship");
        List<HardshipCause> causes = requireCauses(command.causes());
        List<String> required = requireChecks(command.requiredChecks());
        requireDate(command.reenteredOn(), "reenteredOn");
        apply(new HardshipReentered(caseId, orgId, causes, required, command.note(), requirePrincipal(principal),
                command.reenteredOn()));
    }

    @CommandHandler
    public String handle(ProposeGrant command, @MetaDataValue("principal") String principal) {
        Ids.requireValid("grantId", command.grantId());
        Ids.requireValid("fundId", command.fundId());
        BusinessRuleViolation.require(command.fundType() == FundType.HARDSHIP, "FUND_MUST_BE_HARDSHIP_FUND",
                "hardship grants are paid from a HARDSHIP fund; " + command.fundId() + " is " + command.fundType());
        HardshipGrants.reservationId(caseId, command.grantId());
        BusinessRuleViolation.require(!grants.containsKey(command.grantId()), "GRANT_ID_REUSED",
                "case " + caseId + " already has a grant " + command.grantId());
        BusinessRuleViolation.require(grants.size() < GRANTS_PER_CASE_MAX, "GRANTS_PER_CASE_LIMIT_REACHED",
                "a case holds at most " + GRANTS_PER_CASE_MAX + " grants");
        requireGrantable();
        BusinessRuleViolation.require(command.type() != null, "ASSISTANCE_TYPE_REQUIRED", "a grant needs a type");
        requireDate(command.proposedOn(), "proposedOn");
        Money amount = amountOf(command);
        if (command.type() == AssistanceType.EDUCATION_GRANT) {
            Ids.requireValid("childId", command.childId());
        }
        int year = command.proposedOn().getYear();
        requireWithinCap(command.type(), year, amount.fen());
        apply(new GrantProposed(caseId, orgId, command.grantId(), command.fundId(), command.type(), amount.fen(),
                command.goods(), command.childId(), command.note(), year, requirePrincipal(principal),
                command.proposedOn()));
        return command.grantId();
    }

    @CommandHandler
    public String handle(ApproveGrant command, @MetaDataValue("principal") String principal) {
        Grant grant = existingGrant(command.grantId());
        BusinessRuleViolation.require(grant.status() == GrantStatus.PROPOSED, "GRANT_MUST_BE_PROPOSED",
                "grant " + grant.grantId() + " is already " + grant.status());
        BusinessRuleViolation.require(!requirePrincipal(principal).equals(grant.proposedBy()),
                "APPROVER_MUST_DIFFER_FROM_PROPOSER", "the person who proposed a grant cannot approve it");
        requireGrantable();
        requireDate(command.approvedOn(), "approvedOn");
        requireWithinCap(grant.type(), grant.year(), grant.amountFen());
        apply(new GrantApproved(caseId, orgId, grant.grantId(), grant.fundId(), grant.type(), grant.amountFen(),
                grant.year(), HardshipGrants.reservationId(caseId, grant.grantId()),
                HardshipGrants.reference(caseId, grant.grantId()), principal, command.approvedOn()));
        return grant.grantId();
    }

    @CommandHandler
    public String handle(RejectGrant command, @MetaDataValue("principal") String principal) {
        Grant grant = existingGrant(command.grantId());
        BusinessRuleViolation.require(grant.status() == GrantStatus.PROPOSED, "GRANT_MUST_BE_PROPOSED",
                "grant " + grant.grantId() + " is already " + grant.status());
        // The checker decides, approving or rejecting; the maker cannot judge their own proposal.
        BusinessRuleViolation.require(!requirePrincipal(principal).equals(grant.proposedBy()),
                "APPROVER_MUST_DIFFER_FROM_PROPOSER", "the person who proposed a grant cannot decide on it");
        BusinessRuleViolation.require(notBlank(command.reason()), "REJECTION_REASON_REQUIRED",
                "a rejection must say why");
        requireDate(command.rejectedOn(), "rejectedOn");
        apply(new GrantRejected(caseId, orgId, grant.grantId(), command.reason(), principal, command.rejectedOn()));
        return grant.grantId();
    }

    @CommandHandler
    public String handle(RetryGrantReservation command) {
        Grant grant = existingGrant(command.grantId());
        BusinessRuleViolation.require(grant.status() == GrantStatus.AWAITING_FUNDS, "GRANT_MUST_AWAIT_FUNDS",
                "grant " + grant.grantId() + " is " + grant.status() + ", not awaiting funds");
        apply(new GrantReservationRetried(caseId, orgId, grant.grantId(), grant.fundId(), grant.amountFen(),
                HardshipGrants.reservationId(caseId, grant.grantId()), HardshipGrants.reference(caseId, grant.grantId())));
        return grant.grantId();
    }

    @CommandHandler
    public void handle(MarkGrantAwaitingFunds command) {
        Grant grant = existingGrant(command.grantId());
        // Only an approved grant waits for money; a late message about a grant reserved since is stale.
        if (grant.status() == GrantStatus.APPROVED) {
            apply(new GrantAwaitingFunds(caseId, orgId, grant.grantId(), grant.fundId(), grant.amountFen(),
                    command.reasonCode(), command.message()));
        }
    }

    @CommandHandler
    public void handle(RecordGrantReserved command) {
        Grant grant = existingGrant(command.grantId());
        if (grant.status() == GrantStatus.APPROVED || grant.status() == GrantStatus.AWAITING_FUNDS) {
            apply(new GrantReserved(caseId, orgId, grant.grantId(), command.fundId(), command.reservationId()));
        }
    }

    @CommandHandler
    public void handle(RecordGrantPaid command) {
        Grant grant = existingGrant(command.grantId());
        if (grant.status() == GrantStatus.PAID) {
            return;
        }
        // A payment can only follow an approval (the fund only pays what the policy reserved).
        BusinessRuleViolation.require(grant.status() != GrantStatus.PROPOSED && grant.status() != GrantStatus.REJECTED,
                "GRANT_MUST_BE_APPROVED",
                "grant " + grant.grantId() + " was never approved");
        apply(new GrantPaid(caseId, orgId, grant.grantId(), command.fundId(), grant.type(), grant.amountFen(),
                command.paymentReference(), command.paidOn()));
    }

    private static Money amountOf(ProposeGrant command) {
        boolean goodsAllowed = command.type() == AssistanceType.IN_KIND_GOODS
                || command.type() == AssistanceType.FESTIVAL_CONDOLENCE;
        if (command.goods() != null) {
            BusinessRuleViolation.require(goodsAllowed, "GOODS_ONLY_FOR_IN_KIND_OR_FESTIVAL",
                    "only in-kind goods and festival condolence grants can be goods");
            BusinessRuleViolation.require(command.cashAmountFen() == 0, "GRANT_MUST_BE_CASH_OR_GOODS",
                    "a grant is either cash or goods, not both");
            return command.goods().value();
        }
        BusinessRuleViolation.require(command.type() != AssistanceType.IN_KIND_GOODS, "IN_KIND_GRANT_NEEDS_GOODS",
                "an in-kind grant needs the goods: description, quantity and unit value");
        return Money.positiveAmount(command.cashAmountFen());
    }

    private void requireWithinCap(AssistanceType type, int year, long amountFen) {
        Long capFen = yearlyCapsFen.get(type);
        if (capFen == null) {
            return;
        }
        long alreadyFen = grantedFen.getOrDefault(type + ":" + year, 0L);
        BusinessRuleViolation.require(Money.ofFen(alreadyFen).plus(Money.ofFen(amountFen)).fen() <= capFen,
                "YEARLY_CAP_MUST_NOT_BE_EXCEEDED", type + " in " + year + ": " + alreadyFen + " fen granted, "
                        + amountFen + " more would exceed the cap of " + capFen);
    }

    private void requireActive() {
        BusinessRuleViolation.require(status != CaseStatus.EXITED, "CASE_MUST_BE_ACTIVE",
                "case " + caseId + " has exited hardship");
    }

    private void requireGrantable() {
        requireActive();
        BusinessRuleViolation.require(status == CaseStatus.VERIFIED, "CASE_MUST_BE_VERIFIED",
                "case " + caseId + " has not passed every required check");
    }

    private Grant existingGrant(String grantId) {
        Grant grant = grantId == null ? null : grants.get(grantId);
        BusinessRuleViolation.require(grant != null, "GRANT_MUST_EXIST", "case " + caseId + " has no grant " + grantId);
        return grant;
    }

    private static void requireIncome(long monthlyIncomePerHeadFen) {
        BusinessRuleViolation.require(monthlyIncomePerHeadFen >= 0 && monthlyIncomePerHeadFen <= Money.AMOUNT_FEN_MAX,
                "INCOME_MUST_NOT_BE_NEGATIVE", "monthlyIncomePerHeadFen must be 0 or more");
    }

    private static List<HardshipCause> requireCauses(Set<HardshipCause> causes) {
        BusinessRuleViolation.require(causes != null && !causes.isEmpty()
                        && causes.stream().noneMatch(java.util.Objects::isNull),
                "CAUSE_REQUIRED", "a hardship case needs at least one cause");
        return causes.stream().sorted().toList();
    }

    private static List<String> requireChecks(List<String> requiredChecks) {
        BusinessRuleViolation.require(requiredChecks != null && !requiredChecks.isEmpty()
                        && requiredChecks.size() <= REQUIRED_CHECKS_MAX, "REQUIRED_CHECKS_MUST_BE_CONFIGURED",
                "at least one and at most " + REQUIRED_CHECKS_MAX + " verifying departments must be configured");
        requiredChecks.forEach(department -> Ids.requireValid("department", department));
        return List.copyOf(new LinkedHashSet<>(requiredChecks));
    }

    private static void requireDate(LocalDate date, String field) {
        BusinessRuleViolation.require(date != null, "DATE_REQUIRED", field + " is required");
    }

    private static String requirePrincipal(String principal) {
        BusinessRuleViolation.require(notBlank(principal), "PRINCIPAL_REQUIRED",
                "the acting person must be known (command metadata 'principal')");
        return principal;
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }

    @EventSourcingHandler
    void on(HardshipCaseRegistered event) {
        caseId = event.caseId();
        orgId = event.orgId();
        status = CaseStatus.REGISTERED;
        requiredChecks = List.copyOf(event.requiredChecks());
        yearlyCapsFen = event.yearlyCapsFen() == null ? Map.of() : Map.copyOf(event.yearlyCapsFen());
    }

    @EventSourcingHandler
    void on(VerificationCheckRecorded event) {
        checks.put(event.department(), event.passed());
    }

    @EventSourcingHandler
    void on(HardshipCaseVerified event) {
        status = CaseStatus.VERIFIED;
    }

    @EventSourcingHandler
    void on(AnnualReviewRecorded event) {
        reviewedYears.add(event.year());
    }

    @EventSourcingHandler
    void on(HardshipExited event) {
        status = CaseStatus.EXITED;
    }

    @EventSourcingHandler
    void on(HardshipReentered event) {
        status = CaseStatus.REGISTERED;
        requiredChecks = List.copyOf(event.requiredChecks());
        checks.clear();
    }

    @EventSourcingHandler
    void on(GrantProposed event) {
        grants.put(event.grantId(), new Grant(event.grantId(), event.fundId(), event.type(), event.amountFen(),
                event.year(), event.proposedBy(), GrantStatus.PROPOSED));
    }

    @EventSourcingHandler
    void on(GrantApproved event) {
        grants.computeIfPresent(event.grantId(), (id, grant) -> grant.withStatus(GrantStatus.APPROVED));
        grantedFen.merge(event.type() + ":" + event.year(), event.amountFen(), Math::addExact);
    }

    @EventSourcingHandler
    void on(GrantRejected event) {
        grants.computeIfPresent(event.grantId(), (id, grant) -> grant.withStatus(GrantStatus.REJECTED));
    }

    @EventSourcingHandler
    void on(GrantReservationRetried event) {
        grants.computeIfPresent(event.grantId(), (id, grant) -> grant.withStatus(GrantStatus.APPROVED));
    }

    @EventSourcingHandler
    void on(GrantAwaitingFunds event) {
        grants.computeIfPresent(event.grantId(), (id, grant) -> grant.withStatus(GrantStatus.AWAITING_FUNDS));
    }

    @EventSourcingHandler
    void on(GrantReserved event) {
        grants.computeIfPresent(event.grantId(), (id, grant) -> grant.withStatus(GrantStatus.RESERVED));
    }

    @EventSourcingHandler
    void on(GrantPaid event) {
        grants.computeIfPresent(event.grantId(), (id, grant) -> grant.withStatus(GrantStatus.PAID));
    }
}
